"""A room's week as rows of hours and columns of days: closed, free, partly free or taken.

One query for the week's bookings, one evaluation of the opening hours for the whole week.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from associations.rooms import rules, timefmt
from associations.rooms.models import PARIS, Booking


@dataclass
class Cell:
    day: dt.date
    start: dt.datetime  # aware
    end: dt.datetime
    state: str  # closed | free | partial | taken
    label: str
    bookings: list = field(default_factory=list)


@dataclass
class Week:
    monday: dt.date
    days: list[dt.date]
    rows: list[tuple[dt.datetime, list[Cell]]]
    bookings: list[Booking]

    @property
    def previous(self) -> dt.date:
        return self.monday - dt.timedelta(days=7)

    @property
    def next(self) -> dt.date:
        return self.monday + dt.timedelta(days=7)

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_bookings(room, monday: dt.date) -> list[Booking]:
    start = dt.datetime.combine(monday, dt.time(), tzinfo=PARIS)
    end = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(), tzinfo=PARIS)
    return list(
        Booking.objects.active()
        .filter(room=room, start__lt=end, end__gt=start)
        .select_related("association")
        .order_by("start")
    )


def _hour_range(opens) -> tuple[int, int]:
    if not opens:
        return 8, 22
    first = min(a.hour for a, _b in opens)
    last = max((b - dt.timedelta(seconds=1)).hour + 1 for _a, b in opens)
    return first, max(last, first + 1)


def build_week(room, monday: dt.date) -> Week:
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    begin = dt.datetime.combine(monday, dt.time())
    opens = rules.open_intervals(room, begin, begin + dt.timedelta(days=7))
    bookings = week_bookings(room, monday)
    first_hour, last_hour = _hour_range(opens)
    rows = []
    for hour in range(first_hour, last_hour):
        cells = []
        for day in days:
            naive_start = dt.datetime.combine(day, dt.time(hour))
            naive_end = naive_start + dt.timedelta(hours=1)
            start, end = naive_start.replace(tzinfo=PARIS), naive_end.replace(tzinfo=PARIS)
            here = [b for b in bookings if b.start < end and b.end > start]
            if here:
                names = [
                    _("%(who)s, %(start)s – %(end)s")
                    % {
                        "who": b.public_holder or _("réservé"),
                        "start": timefmt.hour(b.start),
                        "end": timefmt.hour(b.end),
                    }
                    for b in here
                ]
                cells.append(Cell(day, start, end, "taken", _("Pris : ") + " ; ".join(names), here))
                continue
            open_parts = [
                (max(a, naive_start), min(b, naive_end)) for a, b in opens if a < naive_end and b > naive_start
            ]
            if not open_parts:
                cells.append(Cell(day, start, end, "closed", _("Fermé")))
            elif open_parts == [(naive_start, naive_end)]:
                cells.append(Cell(day, start, end, "free", _("Libre")))
            else:
                parts = ", ".join(
                    f"{timefmt.hour(a.replace(tzinfo=PARIS))} – {timefmt.hour(b.replace(tzinfo=PARIS))}"
                    for a, b in open_parts
                )
                cells.append(Cell(day, start, end, "partial", _("Libre de %(parts)s") % {"parts": parts}))
        rows.append((dt.datetime.combine(days[0], dt.time(hour)).replace(tzinfo=PARIS), cells))
    return Week(monday=monday, days=days, rows=rows, bookings=bookings)
