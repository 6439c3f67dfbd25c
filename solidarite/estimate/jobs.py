"""Estimates being computed, by a random token kept in the person's session.

The future lives in this process only (a bounded map, oldest dropped first): a refresh landing on
another process, or after a restart, finds no job and computes again from the answers in the session.
Nothing about the job is written anywhere.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from concurrent.futures import Future

from django.utils import timezone

from solidarite.estimate import pool, questionnaire

MAX_JOBS = 500
_lock = threading.Lock()
_jobs: OrderedDict[str, Future] = OrderedDict()


def current_month() -> str:
    return timezone.localdate().strftime("%Y-%m")


def start(answers: dict) -> tuple[str, str]:
    """Queue the estimate of these answers; (token, month computed)."""
    month = current_month()
    future = pool.submit(questionnaire.household(answers), month)
    token = secrets.token_urlsafe(16)
    with _lock:
        _jobs[token] = future
        while len(_jobs) > MAX_JOBS:
            _jobs.popitem(last=False)
    return token, month


def take(token: str | None):
    """('done', amounts) | ('running', None) | ('failed', None) | ('unknown', None); a finished job is forgotten."""
    with _lock:
        future = _jobs.get(token or "")
    if future is None:
        return "unknown", None
    if not future.done():
        return "running", None
    with _lock:
        _jobs.pop(token, None)
    if future.exception() is not None:
        return "failed", None
    return "done", future.result()
