"""Sign-in throttling, counted per client address (see docs/decisions.md, "Sign-in throttling").

Two counters, each for the current quarter of an hour (fixed windows, ``ratelimit``):

- per (client address, e-mail typed): ``LOGIN_RATE_LIMIT`` (10) failed sign-ins, then that address
  waits before trying that account again;
- per client address, whatever the e-mail: ``LOGIN_ADDRESS_RATE_LIMIT`` (30) failed sign-ins, then
  that address waits before trying any account (one client trying many e-mails).

There is deliberately no counter per account: failures from other addresses never stop the owner.
The owner with the right password waits 0 s from an address that has not failed itself; from one
that has (their own typos, or a network shared with the attacker), until the current quarter of an
hour ends, 15 minutes at most, and a password reset lifts the pause for that address and account.

Each attempt is counted *before* the password is checked (one upsert for both counters, which
returns the new counts): parallel attempts cannot all pass a check made before any of them was
counted. A successful sign-in gives its count back (and clears its address's count for the account).

Counters are named by keyed hashes: the table never holds an e-mail or an address in clear.
"""

import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import salted_hmac
from rest_framework.throttling import BaseThrottle

from solidarite.accounts import ratelimit

WINDOW_SECONDS = 15 * 60
_SALT = "solidarite.accounts.throttle"


def client_address(request) -> str:
    """The address a request comes from, as far as we can trust it.

    DRF's reading, shared with the API throttles: ``REMOTE_ADDR``, or behind the TLS proxy
    (``BEHIND_TLS_PROXY``, which sets DRF's ``NUM_PROXIES`` to 1) the last ``X-Forwarded-For``
    entry, the one our proxy appended; what a client wrote before it is ignored. An IPv6 address
    counts as its /64: one subscriber usually holds the whole /64, and would otherwise get a fresh
    counter for each of its 2**64 addresses.
    """
    if request is None:
        return ""
    raw = BaseThrottle().get_ident(request) or ""
    try:
        address = ipaddress.ip_address(raw.strip())
    except ValueError:
        return raw.strip()[:100]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def _name(*parts: str) -> str:
    return salted_hmac(_SALT, "\x1f".join(parts), algorithm="sha256").hexdigest()


def _email(email: str) -> str:
    return email.strip().lower()


@dataclass(frozen=True)
class Attempt:
    pair_bucket: str
    address_bucket: str
    refused: str  # "" when the attempt may go on, else "account" or "address": which limit it passed
    seconds_left: float
    at: float

    @property
    def minutes_left(self) -> int:
        return max(1, math.ceil(self.seconds_left / 60))


def _buckets(request, email: str) -> tuple[str, str]:
    address = client_address(request)
    return "login-fail:pair:" + _name(address, _email(email)), "login-fail:addr:" + _name(address)


def attempt(request, email: str, *, now: float | None = None) -> Attempt:
    """Count a sign-in attempt from this request's address on this e-mail; say whether it may go on."""
    now = time.time() if now is None else now
    pair, address = _buckets(request, email)
    counts, seconds_left = ratelimit.hit_many([pair, address], window_s=WINDOW_SECONDS, now=now)
    refused = ""
    if counts[address] > settings.LOGIN_ADDRESS_RATE_LIMIT:
        refused = "address"
    elif counts[pair] > settings.LOGIN_RATE_LIMIT:
        refused = "account"
    return Attempt(pair, address, refused, seconds_left, now)


def succeeded(done: Attempt) -> None:
    """The password was right: this address starts afresh for this account, and the attempt no
    longer counts against the address (a desk where thirty people sign in is not an attacker)."""
    ratelimit.reset(done.pair_bucket)
    ratelimit.give_back(done.address_bucket, window_s=WINDOW_SECONDS, now=done.at)


def forgive(request, email: str) -> None:
    """The person proved they own the account another way (a password reset link): lift the pause
    of this address for this account."""
    ratelimit.reset(_buckets(request, email)[0])
