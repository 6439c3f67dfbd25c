import datetime as dt

import pytest
from django.utils import timezone, translation

from associations.rooms.models import PARIS
from associations.rooms.rules import open_intervals
from tests.rooms.factories import AssociationFactory, RoomFactory, manager_of


@pytest.fixture
def room(db):
    return RoomFactory()


@pytest.fixture
def association(db):
    return AssociationFactory()


@pytest.fixture
def manager(association):
    return manager_of(association)


def open_every_day(room, monday: dt.date) -> bool:
    """Whether the room opens on each day of that week, by its own rules (public holidays close it)."""
    days = [dt.datetime.combine(monday + dt.timedelta(days=n), dt.time()) for n in range(8)]
    return all(open_intervals(room, day, next_day) for day, next_day in zip(days, days[1:], strict=False))


@pytest.fixture
def slot():
    """A Wednesday 14:00-16:00, Paris, at least two weeks ahead (far enough for any notice in the
    factories), in a week the factory's room opens every day: tests book that slot and the next days
    of its week, and a public holiday (Christmas, 1 May, Ascension…) would close the room."""
    room = RoomFactory.build()
    today = timezone.localdate()
    wednesday = today + dt.timedelta(days=(2 - today.weekday()) % 7 + 14)
    while not open_every_day(room, wednesday - dt.timedelta(days=2)):
        wednesday += dt.timedelta(days=7)
    start = dt.datetime.combine(wednesday, dt.time(14)).replace(tzinfo=PARIS)
    return start, start + dt.timedelta(hours=2)


@pytest.fixture(autouse=True)
def french():
    """Service messages are asserted in French; a request in English elsewhere must not leak here."""
    with translation.override("fr"):
        yield
