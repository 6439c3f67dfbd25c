"""Recurring bookings: RRULE dates, exact clash report, book the rest or nothing."""

import datetime as dt

import pytest

from associations.rooms import services
from associations.rooms.models import Booking, BookingSeries
from associations.rooms.services import SeriesConflict
from tests.rooms.factories import paris

NOW = paris(2027, 1, 4, 9)


def series(room, association, manager, frequency="weekly", until=dt.date(2027, 2, 24), **extra):
    return services.book_series(
        room=room,
        association=association,
        by=manager,
        start=paris(2027, 1, 13, 18),
        end=paris(2027, 1, 13, 20),
        frequency=frequency,
        until=until,
        now=NOW,
        **extra,
    )


def local_days(bookings):
    return [b.local_start.date() for b in bookings]


def test_a_weekly_series_books_every_wednesday_until_the_date(room, association, manager):
    made = series(room, association, manager)
    days = local_days(made.occurrences.order_by("start"))
    assert days == [dt.date(2027, 1, 13) + dt.timedelta(weeks=n) for n in range(7)]
    assert made.rrule == "FREQ=WEEKLY;INTERVAL=1"


def test_a_fortnightly_series_skips_one_week_in_two(room, association, manager):
    made = series(room, association, manager, frequency="fortnightly")
    assert local_days(made.occurrences.order_by("start")) == [
        dt.date(2027, 1, 13),
        dt.date(2027, 1, 27),
        dt.date(2027, 2, 10),
        dt.date(2027, 2, 24),
    ]


def test_a_monthly_series_keeps_the_same_weekday_of_the_month(room, association, manager):
    made = series(room, association, manager, frequency="monthly", until=dt.date(2027, 5, 31))
    # 13 January 2027 is the second Wednesday: every second Wednesday after.
    assert local_days(made.occurrences.order_by("start")) == [
        dt.date(2027, 1, 13),
        dt.date(2027, 2, 10),
        dt.date(2027, 3, 10),
        dt.date(2027, 4, 14),
        dt.date(2027, 5, 12),
    ]
    assert made.rrule == "FREQ=MONTHLY;INTERVAL=1;BYDAY=2WE"


def test_a_clashing_series_names_exactly_the_taken_dates_and_saves_nothing(room, association, manager):
    for day in (27, 10):
        month = 1 if day == 27 else 2
        services.book(
            room=room,
            association=association,
            by=manager,
            start=paris(2027, month, day, 19),
            end=paris(2027, month, day, 21),
            now=NOW,
        )
    with pytest.raises(SeriesConflict) as caught:
        series(room, association, manager)
    assert caught.value.dates == [dt.date(2027, 1, 27), dt.date(2027, 2, 10)]
    assert "créneau déjà pris" in caught.value.messages[0].lower()
    assert "mercredi 27 janvier 2027" in caught.value.messages[0]
    assert BookingSeries.objects.count() == 0
    assert Booking.objects.count() == 2


def test_the_manager_may_book_the_other_dates(room, association, manager):
    services.book(
        room=room,
        association=association,
        by=manager,
        start=paris(2027, 1, 27, 19),
        end=paris(2027, 1, 27, 21),
        now=NOW,
    )
    made = series(room, association, manager, skip_unavailable=True)
    assert dt.date(2027, 1, 27) not in local_days(made.occurrences.all())
    assert made.occurrences.count() == 6
    assert made.excluded_dates == ["2027-01-27"]


def test_a_public_holiday_in_a_series_is_reported_as_closed(room, association, manager):
    with pytest.raises(SeriesConflict) as caught:
        services.book_series(
            room=room,
            association=association,
            by=manager,
            start=paris(2027, 7, 7, 18),
            end=paris(2027, 7, 7, 20),
            frequency="weekly",
            until=dt.date(2027, 7, 21),
            now=NOW,
        )
    assert caught.value.unavailable == [(dt.date(2027, 7, 14), "salle fermée")]
    assert Booking.objects.count() == 0


def test_a_series_where_every_date_is_taken_books_nothing_even_when_asked_for_the_rest(room, association, manager):
    services.book(
        room=room,
        association=association,
        by=manager,
        start=paris(2027, 1, 13, 18),
        end=paris(2027, 1, 13, 20),
        now=NOW,
    )
    with pytest.raises(SeriesConflict):
        series(room, association, manager, until=dt.date(2027, 1, 13), skip_unavailable=True)
    assert BookingSeries.objects.count() == 0
