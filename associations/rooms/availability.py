"""A room's week as rows of hours and columns of days: closed, free, partly free or taken.

One query for the week's bookings, one evaluation of the opening hours for the whole week. Cells
carry their final text and link so the template stays a plain loop (the page is the busiest of the
app: see bench/rooms.py).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from associations.rooms import rules
from associations.rooms.models import PARIS, Booking


@dataclass
class Cell:
    state: str  # closed | free | partial | taken
    label: str
    href: str = ""  # where to book it, for a free cell
    hint: str = ""  # what a screen reader adds to the link ("réserver mardi 3 mars, 14 h")


@dataclass
class Week:
    monday: dt.date
    days: list[dt.date]
    day_labels: list[str]
    rows: list[tuple[str, list[Cell]]]
    bookings: list[tuple[dt.datetime, dt.datetime, str]]

    def body_html(self) -> SafeString:
        """The table's rows, every text escaped: ~100 cells a week, built without template loops."""
        out = []
        for hour, cells in self.rows:
            out.append(f'<tr><th scope="row">{escape(hour)}</th>')
            for cell in cells:
                label = escape(cell.label)
                if cell.href:
                    label = (
                        f'<a href="{escape(cell.href)}">{label}'
                        f'<span class="visually-hidden"> — {escape(cell.hint)}</span></a>'
                    )
                out.append(f'<td class="slot slot-{cell.state}">{label}</td>')
            out.append("</tr>\n")
        return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped

    @property
    def headers(self) -> list[tuple[dt.date, str]]:
        return list(zip(self.days, self.day_labels, strict=True))

    @property
    def previous(self) -> dt.date:
        return self.monday - dt.timedelta(days=7)

    @property
    def next(self) -> dt.date:
        return self.monday + dt.timedelta(days=7)

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    @property
    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.monday, dt.time(), tzinfo=PARIS)

    @property
    def ends_at(self) -> dt.datetime:
        return dt.datetime.combine(self.next, dt.time(), tzinfo=PARIS)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_bookings(room, monday: dt.date) -> list[tuple[dt.datetime, dt.datetime, str]]:
    """(start, end, public holder) of the week's active bookings; plain tuples, the page's hot path."""
    start = dt.datetime.combine(monday, dt.time(), tzinfo=PARIS)
    end = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(), tzinfo=PARIS)
    rows = (
        Booking.objects.active()
        .filter(room=room)
        .between(start, end)
        .order_by("start")
        .values_list("start", "end", "is_public", "association__name")
    )
    # Same rule as Booking.public_holder: an association that chose so; never a neighbour's name.
    return [(b_start, b_end, name if public and name else "") for b_start, b_end, public, name in rows]


def _hour_range(opens) -> tuple[int, int]:
    if not opens:
        return 8, 22
    first = min(a.hour for a, _b in opens)
    last = max((b - dt.timedelta(seconds=1)).hour + 1 for _a, b in opens)
    return first, max(last, first + 1)


def _hm(value: dt.datetime) -> str:
    return f"{value.hour} h" if value.minute == 0 else f"{value.hour} h {value.minute:02d}"


def build_week(room, monday: dt.date, *, book_url: str = "") -> Week:
    """``book_url``: the booking form's address; free cells link to it with the day and hour filled in."""
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    begin = dt.datetime.combine(monday, dt.time())
    opens = rules.open_intervals(room, begin, begin + dt.timedelta(days=7))
    bookings = week_bookings(room, monday)
    # Compare naive Paris wall-clock times: cheaper than aware comparisons across time zones.
    spans = []
    for b_start, b_end, holder in bookings:
        start, end = b_start.astimezone(PARIS).replace(tzinfo=None), b_end.astimezone(PARIS).replace(tzinfo=None)
        who = holder or _("réservé")
        spans.append(
            (start, end, _("%(who)s, %(start)s – %(end)s") % {"who": who, "start": _hm(start), "end": _hm(end)})
        )
    texts = {"taken": _("Pris : "), "closed": _("Fermé"), "free": _("Libre"), "book": _("réserver")}
    free_from = _("Libre : %(parts)s")
    day_labels = [date_format(day, "l j F") for day in days]
    first_hour, last_hour = _hour_range(opens)
    rows = []
    for hour in range(first_hour, last_hour):
        cells = []
        for day, day_label in zip(days, day_labels, strict=True):
            cell_start = dt.datetime.combine(day, dt.time(hour))
            cell_end = cell_start + dt.timedelta(hours=1)
            here = [label for start, end, label in spans if start < cell_end and end > cell_start]
            if here:
                cells.append(Cell("taken", texts["taken"] + " ; ".join(here)))
                continue
            parts = [(max(a, cell_start), min(b, cell_end)) for a, b in opens if a < cell_end and b > cell_start]
            if not parts:
                cells.append(Cell("closed", texts["closed"]))
            elif parts == [(cell_start, cell_end)]:
                href = f"{book_url}?jour={day.isoformat()}&heure={hour}" if book_url else ""
                cells.append(Cell("free", texts["free"], href, f"{texts['book']} {day_label}, {hour} h"))
            else:
                spans_text = ", ".join(f"{_hm(a)} – {_hm(b)}" for a, b in parts)
                cells.append(Cell("partial", free_from % {"parts": spans_text}))
        rows.append((f"{hour} h", cells))
    return Week(monday=monday, days=days, day_labels=day_labels, rows=rows, bookings=bookings)
