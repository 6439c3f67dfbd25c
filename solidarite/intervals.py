"""Time intervals that hold a resource: opening hours, slots inside them, and never two holders at once.

Shared by the rooms of the maison des associations and the permanences of the points d'accueil: both
book a span of time of one resource (a room, a desk) within its OpenStreetMap opening hours, and both
must never let two active bookings overlap, on SQLite and PostgreSQL alike, under concurrency.

- Opening hours: each distinct expression is parsed once per process (``parsed_hours``); rules work on
  naive Europe/Paris wall-clock datetimes, what the expression means; stored times are aware.
- Overlap: half-open intervals [start, end): a slot ending at 14:00 and the next one starting at
  14:00 do not clash. ``between`` bounds the range query by the longest span a resource allows, so it
  scans the (resource, start) index from a fixed point instead of the resource's whole history.
- The guarantee (``exclusive``): the check-then-insert runs inside ``transaction.atomic()``. On SQLite
  the settings open every transaction with BEGIN IMMEDIATE, so writers are serialized and the check sees
  every committed row; on PostgreSQL the resource row is locked (SELECT … FOR UPDATE) and an exclusion
  constraint (``no_overlap``, a migration operation) is the last word: its violation becomes the
  caller's own "slot taken" error.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.db import IntegrityError, migrations, transaction
from django.utils import timezone
from opening_hours import OpeningHours, State

PARIS = ZoneInfo("Europe/Paris")


# --- opening hours --------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def parsed_hours(expression: str) -> OpeningHours:
    # French public holidays come from the country calendar; times are naive Paris wall clock.
    return OpeningHours(expression, country="FR")


def aware(value: dt.datetime) -> dt.datetime:
    """A naive datetime is read as Paris wall clock (what a form or an API client in Rezé means)."""
    if timezone.is_naive(value):
        return value.replace(tzinfo=PARIS)
    return value


def wall(value: dt.datetime) -> dt.datetime:
    """The naive Paris wall-clock time of an aware instant (what opening hours are written in)."""
    return value.astimezone(PARIS).replace(tzinfo=None)


def is_open_between(expression: str, start: dt.datetime, end: dt.datetime) -> bool:
    """Whether the hours are open during all of [start, end) (aware instants)."""
    hours = parsed_hours(expression)
    return all(state == State.OPEN for _a, _b, state, _c in hours.intervals(wall(start), wall(end)))


def open_intervals(expression: str, begin: dt.datetime, finish: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """Open periods between two naive Paris datetimes, as naive Paris datetimes."""
    hours = parsed_hours(expression)
    return [(a, b) for a, b, state, _c in hours.intervals(begin, finish) if state == State.OPEN]


def slots(periods, length: dt.timedelta) -> Iterator[tuple[dt.datetime, dt.datetime]]:
    """Consecutive slots of ``length`` inside each open period (naive wall clock), from its start;
    a remainder shorter than a slot is left out. Aware (Paris) pairs, in order."""
    for a, b in periods:
        start = a
        while start + length <= b:
            yield start.replace(tzinfo=PARIS), (start + length).replace(tzinfo=PARIS)
            start += length


# --- overlap --------------------------------------------------------------------------------------


def overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and a_end > b_start


def between(queryset, start: dt.datetime, end: dt.datetime, *, longest: dt.timedelta):
    """Rows of ``queryset`` (with ``start``/``end`` fields) overlapping [start, end); none lasts over ``longest``."""
    return queryset.filter(start__lt=end, end__gt=start, start__gte=start - longest)


@contextmanager
def exclusive(resource, *, constraint: str, taken: Callable[[], Exception]):
    """One writer of ``resource``'s intervals at a time; a clash the database catches raises ``taken()``.

    Inside the block the caller checks its overlap query and creates its rows: the check sees every
    committed row (SQLite: BEGIN IMMEDIATE; PostgreSQL: the resource row lock). Should a clash reach
    the database anyway, the exclusion constraint named ``constraint`` refuses it, the transaction is
    rolled back and the caller's error is raised instead of an IntegrityError.
    """
    try:
        with transaction.atomic():
            # SQLite ignores FOR UPDATE; its write lock was taken at BEGIN IMMEDIATE already.
            type(resource).objects.select_for_update().filter(pk=resource.pk).values_list("pk", flat=True).first()
            yield
    except IntegrityError as error:
        if constraint in str(error):
            raise taken() from None
        raise


def no_overlap(*, table: str, constraint: str, resource_column: str, active: tuple[str, ...]) -> migrations.RunPython:
    """PostgreSQL: two active rows of one resource can never overlap (exclusion constraint, btree_gist).

    SQLite has no exclusion constraint; there ``exclusive``'s serialized transaction is the guarantee,
    so this operation does nothing on other databases.
    """
    statuses = ", ".join(f"'{status}'" for status in active)

    def add(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        # Half-open ranges: a span ending at 14:00 and the next one starting at 14:00 do not clash.
        schema_editor.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT {constraint} EXCLUDE USING gist "
            f"({resource_column} WITH =, tstzrange(start, \"end\", '[)') WITH &&) "
            f"WHERE (status IN ({statuses}))"
        )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {constraint}")

    return migrations.RunPython(add, drop, elidable=False)
