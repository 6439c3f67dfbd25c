"""OpenStreetMap opening hours as schema.org ``openingHoursSpecification``.

schema.org has no syntax for OSM rules ("PH off", "Jul-Aug", "week 1-53/2"), so the expression is not
translated but evaluated: opening-hours-py (French public holidays included) gives the open periods of
each day of the coming year. Each weekday's most common hours become the regular specification; every
date that differs (a public holiday, a closed week, summer hours) becomes a special one, consecutive dates
with the same hours sharing one. What cannot be said is left out: a weekday whose usual state is
"unknown" is not listed, and an expression with more than ``MAX_SPECIAL`` exceptions in a year gives
nothing rather than a wall of dates.

Conventions (schema.org and Google's guide): a closing time before the opening time runs past midnight;
open all day is 00:00-23:59; closed on a special date is 00:00-00:00.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import opening_hours

from solidarite.shops.hours import COUNTRY

WINDOW_DAYS = 366
MAX_SPECIAL = 40
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MIDNIGHT = None  # a period that ends at the next midnight


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min)


def _pieces(oh, first: dt.date, last: dt.date):
    """Per date: the open periods (start time, end time or MIDNIGHT), and the dates with an unknown
    state; intervals split at midnights. Evaluated on the naive Paris wall clock, as schema.org times
    are: a shop closing at 02:00 closes at 02:00 on the night the clocks go forward too."""
    open_periods, unknown = defaultdict(list), set()
    for begin, stop, state, _comment in oh.intervals(_midnight(first), _midnight(last + dt.timedelta(days=1))):
        cursor = begin
        while cursor < stop:
            next_midnight = _midnight(cursor.date() + dt.timedelta(days=1))
            end = min(stop, next_midnight)
            if state == opening_hours.State.OPEN:
                open_periods[cursor.date()].append((cursor.time(), MIDNIGHT if end == next_midnight else end.time()))
            elif state == opening_hours.State.UNKNOWN:
                unknown.add(cursor.date())
            cursor = end
    return open_periods, unknown


def _join_overnight(open_periods, days):
    """Friday 22:00-24:00 + Saturday 00:00-02:00 is Friday 22:00-02:00, as schema.org writes it."""
    for day in days:
        today, tomorrow = open_periods.get(day), open_periods.get(day + dt.timedelta(days=1))
        if not today or not tomorrow:
            continue
        (start, until), (next_start, next_until) = today[-1], tomorrow[0]
        # Only when the end reads unambiguously as "the next day": it comes no later than the start.
        runs_on = until is MIDNIGHT and start != dt.time.min and next_start == dt.time.min
        if runs_on and next_until is not MIDNIGHT and next_until <= start:
            today[-1] = (start, next_until)
            del tomorrow[0]


def _text(value: dt.time) -> str:
    return value.strftime("%H:%M")


def _key(periods) -> tuple:
    return tuple(
        (_text(start), "23:59" if until is MIDNIGHT and start == dt.time.min else _text(until or dt.time.min))
        for start, until in periods
    )


def _public_holidays(first: dt.date, last: dt.date) -> set[dt.date]:
    probe = opening_hours.OpeningHours("PH", country=COUNTRY)
    days = set()
    for begin, stop, state, _comment in probe.intervals(_midnight(first), _midnight(last + dt.timedelta(days=1))):
        day = begin.date()
        while state == opening_hours.State.OPEN and _midnight(day) < stop:
            days.add(day)
            day += dt.timedelta(days=1)
    return days


@dataclass(frozen=True)
class RegularWeek:
    """An expression evaluated over a year: each weekday's usual hours (a tuple of ("HH:MM", "HH:MM")
    pairs, () closed; a weekday whose usual state is unknown is absent), each public holiday's hours, and
    the other dates that differ from their weekday's usual hours, as [first, last, hours] ranges."""

    usual: dict
    holidays: dict
    exceptions: list
    ranges: list = field(repr=False)  # every differing date, holidays included (the JSON-LD's special dates)


@lru_cache(maxsize=512)
def regular_week(value: str, first: dt.date) -> RegularWeek | None:
    """The expression's usual week over the year from ``first``; None when empty or unparsable. Shared by
    the JSON-LD and by the hours written in words (``solidarite.hours_text``): one evaluation of the rules."""
    if not value or not value.strip():
        return None
    try:
        oh = opening_hours.OpeningHours(value, country=COUNTRY)
    except (opening_hours.ParserError, SyntaxError, ValueError):
        return None
    last = first + dt.timedelta(days=WINDOW_DAYS - 1)
    days = [first + dt.timedelta(days=n) for n in range(WINDOW_DAYS)]
    # One day on each side, so the window's edges see the overnight periods that cross them.
    open_periods, unknown = _pieces(oh, first - dt.timedelta(days=1), last + dt.timedelta(days=1))
    _join_overnight(open_periods, [first - dt.timedelta(days=1), *days])
    keys = {day: None if day in unknown else _key(open_periods.get(day, [])) for day in days}
    holidays = _public_holidays(first, last)

    usual = {}
    for weekday in range(7):
        counts = Counter(keys[day] for day in days if day.weekday() == weekday and day not in holidays)
        if counts:
            usual[weekday] = counts.most_common(1)[0][0]
    ranges = []  # [first day, last day, key]
    for day in days:
        expected = usual.get(day.weekday())
        if keys[day] is None or expected is None or keys[day] == expected:
            continue
        if ranges and ranges[-1][1] == day - dt.timedelta(days=1) and ranges[-1][2] == keys[day]:
            ranges[-1][1] = day
        else:
            ranges.append([day, day, keys[day]])
    return RegularWeek(
        usual={weekday: key for weekday, key in usual.items() if key is not None},
        holidays={day: keys[day] for day in sorted(holidays) if keys[day] is not None},
        exceptions=[r for r in ranges if not (r[0] == r[1] and r[0] in holidays)],
        ranges=ranges,
    )


@lru_cache(maxsize=512)
def specification(value: str, first: dt.date) -> dict:
    """``openingHoursSpecification`` / ``specialOpeningHoursSpecification`` for the year from ``first``;
    empty when there is nothing to say or it cannot be said."""
    week = regular_week(value, first)
    if week is None:
        return {}
    usual, ranges = week.usual, week.ranges
    if len(ranges) > MAX_SPECIAL:
        return {}

    regular = defaultdict(list)
    for weekday, key in sorted(usual.items()):
        for pair in key or ():
            regular[pair].append(f"https://schema.org/{DAYS[weekday]}")
    data = {}
    if regular:
        data["openingHoursSpecification"] = [
            {"@type": "OpeningHoursSpecification", "dayOfWeek": weekdays, "opens": opens, "closes": closes}
            for (opens, closes), weekdays in regular.items()
        ]
    special = [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": start.isoformat(),
            "validThrough": end.isoformat(),
            "opens": opens,
            "closes": closes,
        }
        for start, end, key in ranges
        for opens, closes in key or (("00:00", "00:00"),)
    ]
    if special:
        data["specialOpeningHoursSpecification"] = special
    return data
