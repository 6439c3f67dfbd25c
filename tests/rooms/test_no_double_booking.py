"""Never a double booking: many simultaneous attempts on real, separate connections.

SQLite: writers queue on BEGIN IMMEDIATE and the check runs inside. PostgreSQL: the room row lock,
and the exclusion constraint underneath (tested on its own below).
"""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from associations.rooms import services
from associations.rooms.models import Booking, BookingSeries
from associations.rooms.services import SlotTaken
from tests import concurrency
from tests.rooms.factories import AssociationFactory, RoomFactory, manager_of, paris

ATTEMPTS = 20
NOW = paris(2027, 1, 4, 9)


def race(calls):
    return concurrency.described(concurrency.race(calls), refusal=SlotTaken, ok="ok")


def contenders(n):
    """n different associations, each with its own manager: nobody shares a Python object."""
    pairs = []
    for _ in range(n):
        association = AssociationFactory()
        pairs.append((association, manager_of(association)))
    return pairs


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_simultaneous_bookings_of_one_slot_make_exactly_one():
    room = RoomFactory()
    start, end = paris(2027, 1, 13, 14), paris(2027, 1, 13, 16)

    def attempt(association, manager):
        return lambda: services.book(room=room, association=association, by=manager, start=start, end=end, now=NOW)

    outcomes = race([attempt(a, m) for a, m in contenders(ATTEMPTS)])

    assert len(outcomes) == ATTEMPTS, outcomes  # every attempt finished
    assert outcomes.count("ok") == 1, outcomes
    assert all("créneau déjà pris" in outcome for outcome in outcomes if outcome != "ok"), outcomes
    assert Booking.objects.filter(room=room).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_simultaneous_overlapping_series_make_exactly_one():
    room = RoomFactory()

    def attempt(association, manager, hour):
        # Shifted by half an hour one in two: they overlap without being identical.
        start = paris(2027, 1, 13, 14) + dt.timedelta(minutes=30 * (hour % 2))
        return lambda: services.book_series(
            room=room,
            association=association,
            by=manager,
            start=start,
            end=start + dt.timedelta(hours=2),
            frequency="weekly",
            until=dt.date(2027, 3, 31),
            now=NOW,
        )

    outcomes = race([attempt(a, m, i) for i, (a, m) in enumerate(contenders(ATTEMPTS))])

    assert len(outcomes) == ATTEMPTS, outcomes  # every attempt finished
    assert outcomes.count("ok") == 1, outcomes
    assert all("créneau déjà pris" in outcome.lower() for outcome in outcomes if outcome != "ok"), outcomes
    assert BookingSeries.objects.filter(room=room).count() == 1
    assert Booking.objects.filter(room=room).count() == 12
    rows = list(Booking.objects.filter(room=room).order_by("start").values_list("start", "end"))
    assert all(previous[1] <= following[0] for previous, following in zip(rows, rows[1:], strict=False))


@pytest.mark.django_db
def test_the_database_itself_refuses_overlapping_active_bookings_on_postgresql(room, association, manager):
    if connection.vendor != "postgresql":
        pytest.skip("The exclusion constraint exists on PostgreSQL; SQLite relies on the serialized check.")
    fields = {"room": room, "association": association, "title": "x"}
    Booking.objects.create(**fields, start=paris(2027, 1, 13, 14), end=paris(2027, 1, 13, 16), status="confirmed")
    with pytest.raises(IntegrityError, match="rooms_booking_no_overlap"), transaction.atomic():
        Booking.objects.create(**fields, start=paris(2027, 1, 13, 15), end=paris(2027, 1, 13, 17), status="requested")
    # Refused and cancelled bookings do not hold the slot.
    Booking.objects.create(**fields, start=paris(2027, 1, 13, 15), end=paris(2027, 1, 13, 17), status="cancelled")
    assert Booking.objects.count() == 2


@pytest.mark.django_db
def test_a_constraint_violation_reaches_the_manager_as_slot_taken(monkeypatch, room, association, manager):
    """Even if the check in Python missed a clash, PostgreSQL's answer becomes the same clear error."""
    if connection.vendor != "postgresql":
        pytest.skip("Only PostgreSQL has the exclusion constraint.")
    from associations.rooms.models import BookingQuerySet

    services.book(
        room=room,
        association=association,
        by=manager,
        start=paris(2027, 1, 13, 14),
        end=paris(2027, 1, 13, 16),
        now=NOW,
    )
    monkeypatch.setattr(BookingQuerySet, "overlapping", lambda self, *args: self.none())
    with pytest.raises(SlotTaken, match="créneau déjà pris"):
        services.book(
            room=room,
            association=association,
            by=manager,
            start=paris(2027, 1, 13, 15),
            end=paris(2027, 1, 13, 17),
            now=NOW,
        )
    assert Booking.objects.count() == 1
