"""Sign-in throttling: a few failed attempts per e-mail address, then a pause.

Counters live in the cache (the database cache: shared by every server process).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 15 * 60


def _key(email: str) -> str:
    return "login-fail:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()


def is_locked(email: str) -> bool:
    return cache.get(_key(email), 0) >= settings.LOGIN_RATE_LIMIT


def record_failure(email: str) -> None:
    key = _key(email)
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW_SECONDS)


def reset(email: str) -> None:
    cache.delete(_key(email))
