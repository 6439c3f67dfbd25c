"""Rate limits: one counter row per action and time window, counted in one statement.

``hit`` is an upsert that returns the new count, so two processes counting the same action at the
same moment each get their own number (no read-then-write race), in one round trip. The cache
counters this replaces cost six queries per API request and could undercount under concurrency.

Windows are fixed (the current minute, quarter of an hour...): up to twice the rate can pass across
a window boundary, which is enough to stop floods and brute force. Counters live in the database
like the rest, so every daphne process shares them and they keep working while Redis is away.
"""

import time

from django.db import connection
from django.db.models import F

from solidarite.accounts.models import RateCounter


def _window(window_s: int, now: float | None) -> tuple[float, int]:
    now = time.time() if now is None else now
    return now, int(now // window_s) * window_s


def hit(bucket: str, *, window_s: int, now: float | None = None) -> tuple[int, float]:
    """Count one occurrence; returns the count in the current window (this one included) and the
    seconds left before the window ends."""
    now, start = _window(window_s, now)
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (bucket, window_start, expires_at, hits) VALUES (%s, %s, %s, 1) "  # noqa: S608 (the table name is ours)
            f"ON CONFLICT (bucket, window_start) DO UPDATE SET hits = {table}.hits + 1 RETURNING hits",
            [bucket, start, start + window_s],
        )
        (hits,) = cursor.fetchone()
    return hits, start + window_s - now


def hit_many(buckets: list[str], *, window_s: int, now: float | None = None) -> tuple[dict[str, int], float]:
    """Count one occurrence in each bucket, in one statement; returns each bucket's new count and
    the seconds left in the window. Rows are written in a fixed order, so two statements sharing
    buckets queue on them instead of deadlocking."""
    now, start = _window(window_s, now)
    ordered = sorted(set(buckets))
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    rows = ", ".join(["(%s, %s, %s, 1)"] * len(ordered))
    params = [value for bucket in ordered for value in (bucket, start, start + window_s)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (bucket, window_start, expires_at, hits) VALUES {rows} "  # noqa: S608 (ours)
            f"ON CONFLICT (bucket, window_start) DO UPDATE SET hits = {table}.hits + 1 RETURNING bucket, hits",
            params,
        )
        counts = dict(cursor.fetchall())
    return counts, start + window_s - now


def give_back(bucket: str, *, window_s: int, now: float | None = None) -> None:
    """Take back one occurrence counted by ``hit`` at ``now`` (an attempt that turned out to be
    legitimate), in one statement; never below zero."""
    _, start = _window(window_s, now)
    RateCounter.objects.filter(bucket=bucket, window_start=start, hits__gt=0).update(hits=F("hits") - 1)


def count(bucket: str, *, window_s: int, now: float | None = None) -> int:
    """The count in the current window, without adding to it."""
    _, start = _window(window_s, now)
    return RateCounter.objects.filter(bucket=bucket, window_start=start).values_list("hits", flat=True).first() or 0


def reset(bucket: str) -> None:
    RateCounter.objects.filter(bucket=bucket).delete()


def purge(*, now: float | None = None) -> int:
    """Delete the counters of windows that have ended (``manage.py purge_rate_counters``)."""
    now = time.time() if now is None else now
    deleted, _ = RateCounter.objects.filter(expires_at__lte=now).delete()
    return deleted
