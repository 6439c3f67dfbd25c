"""Access codes: what a household types at the till or on the booking page instead of a name.

- Unguessable: 10 characters drawn by ``secrets`` from 32 symbols, 50 bits; with lookups
  rate-limited (``lookup``: 10 misses per address per quarter of an hour) guessing a valid code
  would take millions of years.
- Short enough to type and to read aloud: two groups of five (``K7QM4-RXPWZ``); lowercase, spaces and
  dashes are accepted and ignored.
- No ambiguous symbols: Crockford's base 32 (digits and capitals without I, L, O, U), and the
  letters left out are read as the digit they look like when typed (O as 0, I and L as 1).
- Stored as a keyed hash (HMAC with the site's secret key): a copy of the database alone does not
  give the codes. A code stored under an older key is still found while that key is in
  ``SECRET_KEY_FALLBACKS`` (``digests``); drop the old key and such codes are unknown (docs/traps.md).
"""

import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32
LENGTH = 10
GROUP = 5
# What people type for a symbol that is not in the alphabet.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SALT = "solidarite.grocery.codes"


def generate() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return display(raw)


def display(raw: str) -> str:
    return f"{raw[:GROUP]}-{raw[GROUP:]}"


def normalize(typed: str) -> str:
    """The code's symbols from what someone typed; "" when it cannot be a code."""
    cleaned = "".join(ch for ch in (typed or "").upper() if ch.isalnum()).translate(_READ_AS)
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return ""
    return cleaned


def digest(typed: str) -> str:
    """The stored form of a code (``""`` for something that is not a code)."""
    raw = normalize(typed)
    if not raw:
        return ""
    return salted_hmac(_SALT, raw, algorithm="sha256").hexdigest()


def digests(typed: str) -> list[str]:
    """The code's stored form under the current key and each fallback key (a lookup after rotation)."""
    raw = normalize(typed)
    if not raw:
        return []
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [salted_hmac(_SALT, raw, secret=key, algorithm="sha256").hexdigest() for key in keys]


def hint(typed: str) -> str:
    return normalize(typed)[-3:]
