"""Every refused rule: a clear French message, nothing saved."""

import pytest

from associations.rooms import services
from associations.rooms.models import Booking, BookingSeries
from associations.rooms.services import BookingError
from tests.rooms.factories import RoomFactory, paris

NOW = paris(2027, 1, 4, 9)  # a Monday morning


def attempt(room, association, manager, start, end, **extra):
    with pytest.raises(BookingError) as caught:
        services.book(room=room, association=association, by=manager, start=start, end=end, now=NOW, **extra)
    assert Booking.objects.count() == 0
    return " ".join(caught.value.messages)


def test_a_valid_slot_is_confirmed_at_once(room, association, manager):
    booking = services.book(
        room=room,
        association=association,
        by=manager,
        start=paris(2027, 1, 13, 14),
        end=paris(2027, 1, 13, 16),
        now=NOW,
    )
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.transitions.get().by == manager


def test_it_refuses_an_end_before_the_start(room, association, manager):
    message = attempt(room, association, manager, paris(2027, 1, 13, 16), paris(2027, 1, 13, 14))
    assert "est avant son début" in message


def test_it_refuses_a_zero_length_slot(room, association, manager):
    message = attempt(room, association, manager, paris(2027, 1, 13, 14), paris(2027, 1, 13, 14))
    assert "zéro minute" in message


def test_it_refuses_a_slot_outside_opening_hours(room, association, manager):
    message = attempt(room, association, manager, paris(2027, 1, 13, 21), paris(2027, 1, 13, 23))
    assert "La salle est fermée pendant ce créneau" in message


def test_it_refuses_a_slot_in_the_past(room, association, manager):
    message = attempt(room, association, manager, paris(2027, 1, 2, 14), paris(2027, 1, 2, 16))
    assert "déjà passé" in message


def test_it_refuses_too_short_notice(room, association, manager):
    message = attempt(room, association, manager, paris(2027, 1, 5, 14), paris(2027, 1, 5, 16))
    assert "Délai trop court" in message and "48 heures" in message


def test_it_refuses_a_slot_too_long(room, association, manager):
    message = attempt(room, association, manager, paris(2027, 1, 13, 9), paris(2027, 1, 13, 14))
    assert "Créneau trop long : 4 heures au plus" in message


def test_a_french_public_holiday_is_closed_unless_the_room_says_otherwise(db, association, manager):
    closed = RoomFactory()
    message = attempt(closed, association, manager, paris(2027, 5, 8, 10), paris(2027, 5, 8, 12))  # 8 mai
    assert "fermée" in message
    open_room = RoomFactory(open_on_public_holidays=True)
    booking = services.book(
        room=open_room,
        association=association,
        by=manager,
        start=paris(2027, 5, 8, 10),
        end=paris(2027, 5, 8, 12),
        now=NOW,
    )
    assert booking.pk


def test_a_series_without_end_is_refused(room, association, manager):
    with pytest.raises(BookingError, match="doit avoir une date de fin"):
        services.book_series(
            room=room,
            association=association,
            by=manager,
            start=paris(2027, 1, 13, 14),
            end=paris(2027, 1, 13, 16),
            frequency="weekly",
            until=None,
            now=NOW,
        )
    assert BookingSeries.objects.count() == Booking.objects.count() == 0


def test_a_series_over_a_year_is_refused(room, association, manager):
    import datetime as dt

    with pytest.raises(BookingError, match="ne peut pas dépasser un an"):
        services.book_series(
            room=room,
            association=association,
            by=manager,
            start=paris(2027, 1, 13, 14),
            end=paris(2027, 1, 13, 16),
            frequency="weekly",
            until=dt.date(2028, 1, 14),
            now=NOW,
        )
    assert BookingSeries.objects.count() == Booking.objects.count() == 0


def test_only_managers_of_the_association_may_book_for_it(room, association, user):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.book(
            room=room,
            association=association,
            by=user,
            start=paris(2027, 1, 13, 14),
            end=paris(2027, 1, 13, 16),
            now=NOW,
        )
    assert Booking.objects.count() == 0


def test_a_neighbour_may_book_only_rooms_open_to_neighbours(room, user):
    with pytest.raises(BookingError, match="réservée aux associations"):
        services.book(
            room=room, neighbour=user, by=user, start=paris(2027, 1, 13, 14), end=paris(2027, 1, 13, 16), now=NOW
        )
    room.open_to = room.OpenTo.NEIGHBOURS
    room.save()
    booking = services.book(
        room=room, neighbour=user, by=user, start=paris(2027, 1, 13, 14), end=paris(2027, 1, 13, 16), now=NOW
    )
    assert booking.neighbour == user and booking.public_holder == ""


def test_an_unverified_association_cannot_book(room, association, manager):
    association.status = association.Status.PENDING
    association.save()
    message = attempt(room, association, manager, paris(2027, 1, 13, 14), paris(2027, 1, 13, 16))
    assert "vérifiée par la mairie" in message


def test_adjacent_slots_do_not_clash(room, association, manager):
    services.book(
        room=room,
        association=association,
        by=manager,
        start=paris(2027, 1, 13, 14),
        end=paris(2027, 1, 13, 16),
        now=NOW,
    )
    services.book(
        room=room,
        association=association,
        by=manager,
        start=paris(2027, 1, 13, 16),
        end=paris(2027, 1, 13, 18),
        now=NOW,
    )
    with pytest.raises(services.SlotTaken, match="créneau déjà pris"):
        services.book(
            room=room,
            association=association,
            by=manager,
            start=paris(2027, 1, 13, 15),
            end=paris(2027, 1, 13, 17),
            now=NOW,
        )
    assert Booking.objects.count() == 2


def test_range_queries_find_a_long_booking_that_started_the_day_before(room, association):
    night = Booking.objects.create(
        room=room,
        association=association,
        title="Nuit",
        start=paris(2027, 1, 13, 22),
        end=paris(2027, 1, 14, 10),
        status="confirmed",
    )
    assert list(Booking.objects.overlapping(room, paris(2027, 1, 14, 8), paris(2027, 1, 14, 9))) == [night]


def test_no_booking_may_last_over_a_day_whatever_the_room_says(db, association, manager):
    room = RoomFactory(opening_hours="24/7", max_duration_hours=48, open_on_public_holidays=True)
    message = attempt(room, association, manager, paris(2027, 1, 13, 8), paris(2027, 1, 14, 9))
    assert "Créneau trop long" in message
