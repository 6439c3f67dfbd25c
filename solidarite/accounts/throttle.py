"""Sign-in throttling: a few failed attempts per e-mail address, then a pause (until the current
quarter of an hour ends)."""

import hashlib

from django.conf import settings

from solidarite.accounts import ratelimit

WINDOW_SECONDS = 15 * 60


def _key(email: str) -> str:
    return "login-fail:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()


def is_locked(email: str) -> bool:
    return ratelimit.count(_key(email), window_s=WINDOW_SECONDS) >= settings.LOGIN_RATE_LIMIT


def record_failure(email: str) -> None:
    ratelimit.hit(_key(email), window_s=WINDOW_SECONDS)


def reset(email: str) -> None:
    ratelimit.reset(_key(email))
