"""Stored in UTC, shown in Europe/Paris: wall-clock hours hold across the last Sundays of March and October."""

import datetime as dt

from associations.rooms import services
from associations.rooms.models import Booking
from tests.rooms.factories import paris

NOW = paris(2027, 1, 4, 9)
UTC = dt.UTC


def test_a_booking_on_the_last_sunday_of_march_keeps_its_hours(room, association, manager):
    booking = services.book(
        room=room,
        association=association,
        by=manager,
        start=paris(2027, 3, 28, 10),
        end=paris(2027, 3, 28, 12),
        now=NOW,
    )
    stored = Booking.objects.get(pk=booking.pk)
    assert stored.start == dt.datetime(2027, 3, 28, 8, tzinfo=UTC)  # summer time: UTC+2
    assert (stored.local_start.hour, stored.local_end.hour) == (10, 12)


def test_a_booking_on_the_last_sunday_of_october_keeps_its_hours(room, association, manager):
    booking = services.book(
        room=room,
        association=association,
        by=manager,
        start=paris(2027, 10, 31, 10),
        end=paris(2027, 10, 31, 12),
        now=NOW,
    )
    stored = Booking.objects.get(pk=booking.pk)
    assert stored.start == dt.datetime(2027, 10, 31, 9, tzinfo=UTC)  # winter time again: UTC+1
    assert (stored.local_start.hour, stored.local_end.hour) == (10, 12)


def test_a_weekly_series_across_the_march_change_stays_at_18h(room, association, manager):
    series = services.book_series(
        room=room,
        association=association,
        by=manager,
        start=paris(2027, 3, 20, 18),
        end=paris(2027, 3, 20, 20),
        frequency="weekly",
        until=dt.date(2027, 4, 3),
        now=NOW,
    )
    rows = list(Booking.objects.filter(series=series).order_by("start"))
    assert [b.start.astimezone(UTC).hour for b in rows] == [17, 17, 16]
    assert {(b.local_start.hour, b.local_end.hour) for b in rows} == {(18, 20)}


def test_a_weekly_series_across_the_october_change_stays_at_18h(room, association, manager):
    series = services.book_series(
        room=room,
        association=association,
        by=manager,
        start=paris(2027, 10, 23, 18),
        end=paris(2027, 10, 23, 20),
        frequency="weekly",
        until=dt.date(2027, 11, 6),
        now=NOW,
    )
    rows = list(Booking.objects.filter(series=series).order_by("start"))
    assert [b.start.astimezone(UTC).hour for b in rows] == [16, 16, 17]  # the change is on Sunday 31
    assert {(b.local_start.hour, b.local_end.hour) for b in rows} == {(18, 20)}


def test_the_week_view_shows_the_paris_hours_on_the_change_day(client, room, association, manager):
    services.book(
        room=room,
        association=association,
        by=manager,
        start=paris(2027, 3, 28, 10),
        end=paris(2027, 3, 28, 12),
        now=NOW,
    )
    page = client.get(f"/salles/{room.slug}/?semaine=2027-03-22").content.decode()
    assert f"{association.name}, 10 h – 12 h" in page
