"""Recurring series: RRULE semantics on the Paris wall clock.

Occurrences keep their wall-clock hours across daylight-saving changes: they are computed as naive
Paris times, then made aware one by one (so 18:00 stays 18:00, whatever the UTC offset that day).
"""

import datetime as dt

from dateutil import rrule

from associations.rooms.models import PARIS, BookingSeries

Frequency = BookingSeries.Frequency
WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _nth_weekday(day: dt.date) -> int:
    """Which weekday of its month a date is (1 to 4), or -1 for a fifth one: "le dernier mardi"."""
    n = (day.day - 1) // 7 + 1
    return -1 if n == 5 else n


def rule_parts(frequency: str, first: dt.datetime) -> dict:
    if frequency == Frequency.WEEKLY:
        return {"freq": "WEEKLY", "interval": 1}
    if frequency == Frequency.FORTNIGHTLY:
        return {"freq": "WEEKLY", "interval": 2}
    if frequency == Frequency.MONTHLY:
        return {"freq": "MONTHLY", "interval": 1, "byday": f"{_nth_weekday(first.date())}{ICAL_DAYS[first.weekday()]}"}
    raise ValueError(frequency)


def rule_text(frequency: str, first: dt.datetime) -> str:
    parts = rule_parts(frequency, first)
    text = f"FREQ={parts['freq']};INTERVAL={parts['interval']}"
    return text + (f";BYDAY={parts['byday']}" if "byday" in parts else "")


def occurrence_starts(frequency: str, first_local: dt.datetime, until: dt.date) -> list[dt.datetime]:
    """Naive Paris starts from the first one to ``until`` included."""
    first_local = first_local.replace(tzinfo=None)
    last = dt.datetime.combine(until, dt.time(23, 59, 59))
    if frequency == Frequency.MONTHLY:
        weekday = WEEKDAYS[first_local.weekday()](_nth_weekday(first_local.date()))
        rule = rrule.rrule(rrule.MONTHLY, dtstart=first_local, until=last, byweekday=weekday)
    else:
        interval = 2 if frequency == Frequency.FORTNIGHTLY else 1
        rule = rrule.rrule(rrule.WEEKLY, dtstart=first_local, until=last, interval=interval)
    return list(rule)


def occurrences(frequency, first_local: dt.datetime, duration: dt.timedelta, until: dt.date):
    """(start, end) aware pairs; the duration is wall-clock, like the first occurrence."""
    return [
        (start.replace(tzinfo=PARIS), (start + duration).replace(tzinfo=PARIS))
        for start in occurrence_starts(frequency, first_local, until)
    ]
