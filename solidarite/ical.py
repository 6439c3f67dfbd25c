"""iCalendar (RFC 5545) times on the town's wall clock, and the VTIMEZONE that says what that clock is.

Every feed (rooms, the agenda, an association's agenda) writes its times through ``add_times`` /
``add_recurring_times`` and ends with ``add_timezone``:

- Times are local (``DTSTART;TZID=Europe/Paris:…``), so a weekly 18:00 stays at 18:00 in calendar apps on
  both sides of a daylight-saving change, except where the local wall time does not name one instant:
  in the hour the clocks go back (last Sunday of October, 02:00-03:00) every wall time happens twice and
  RFC 5545 reads a local time there as the first pass. Such instants are written in UTC (``…Z``), which is
  exact whichever pass they are. A series whose first occurrence is the second pass keeps its local DTSTART
  (the rule needs it) and moves that occurrence with EXDATE + RDATE.
- The VTIMEZONE is built from zoneinfo's own transitions, each onset written in the offset in force
  before it (RFC 5545 3.6.5). icalendar's ``add_missing_timezones`` (6.3, 7.3) writes the spring onset as
  03:00 with TZOFFSETFROM +01:00, i.e. 02:00 UTC, an hour after the real change (01:00 UTC).
"""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def is_repeated(value: dt.datetime) -> bool:
    """Whether the local wall time of this instant happens twice (the hour the clocks go back)."""
    wall = value.astimezone(local_zone()).replace(tzinfo=None)
    first, second = (wall.replace(tzinfo=local_zone(), fold=fold) for fold in (0, 1))
    return first.utcoffset() != second.utcoffset()


def instant(value: dt.datetime) -> dt.datetime:
    """What a DTSTART/DTEND carries for this instant: local time (TZID), or UTC when local is ambiguous."""
    if is_repeated(value):
        return value.astimezone(dt.UTC)
    return value.astimezone(local_zone())


def add_times(event: icalendar.Event, start: dt.datetime, end: dt.datetime) -> None:
    event.add("dtstart", instant(start))
    event.add("dtend", instant(end))


def add_recurring_times(event: icalendar.Event, start: dt.datetime, end: dt.datetime, rule: dict, excluded=()) -> None:
    """DTSTART/DTEND/RRULE/EXDATE of a series expanded on the local wall clock from ``start``.

    ``excluded``: the occurrences left out, as local datetimes whose wall time (not pass) names them. The
    rule's occurrences are wall times read as their first pass when ambiguous, as the app expands its series.
    """
    zone = local_zone()
    wall = start.astimezone(zone).replace(tzinfo=None, fold=0)
    read_as = wall.replace(tzinfo=zone)  # what a calendar app reads DTSTART;TZID as: the first pass
    start_utc = start.astimezone(dt.UTC)
    # DTEND - DTSTART is the exact duration of every occurrence (RFC 5545 3.8.5.2).
    event.add("dtstart", read_as)
    event.add("dtend", instant(read_as.astimezone(dt.UTC) + (end.astimezone(dt.UTC) - start_utc)))
    event.add("rrule", rule)
    exdates = {value.astimezone(zone).replace(tzinfo=None, fold=0) for value in excluded}
    moved = read_as.astimezone(dt.UTC) != start_utc and wall not in exdates
    if moved:
        # The first occurrence is the second pass of the repeated hour: the rule's first instance (the
        # first pass) is left out and the real one added, exact, in UTC.
        exdates.add(wall)
        event.add("rdate", start_utc)
    for value in sorted(exdates):
        event.add("exdate", value.replace(tzinfo=zone))


# --- VTIMEZONE -----------------------------------------------------------------------------------


def transitions(zone: ZoneInfo, first: dt.datetime, last: dt.datetime) -> list[tuple]:
    """(instant UTC, offset before, offset after, name after, is DST after) for each change in [first, last)."""
    found = []
    day = first
    while day < last:
        following = min(day + dt.timedelta(days=1), last)
        before, after = day.astimezone(zone), following.astimezone(zone)
        if before.utcoffset() != after.utcoffset():
            # Bisect to the second: zones change on whole seconds.
            low, high = day, following
            while high - low > dt.timedelta(seconds=1):
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0)
                if middle.astimezone(zone).utcoffset() == before.utcoffset():
                    low = middle
                else:
                    high = middle
            local = high.astimezone(zone)
            found.append((high, before.utcoffset(), local.utcoffset(), local.tzname(), bool(local.dst())))
        day = following
    return found


def vtimezone(first_year: int, last_year: int) -> icalendar.Timezone:
    """The local zone from its last change before ``first_year`` to the end of ``last_year``."""
    zone = local_zone()
    changes = transitions(
        zone,
        dt.datetime(first_year - 1, 1, 1, tzinfo=dt.UTC),
        dt.datetime(last_year + 1, 1, 1, tzinfo=dt.UTC),
    )
    start_of_range = dt.datetime(first_year, 1, 1, tzinfo=dt.UTC)
    earlier = [change for change in changes if change[0] < start_of_range]
    changes = earlier[-1:] + [change for change in changes if change[0] >= start_of_range]
    groups: dict[tuple, list[dt.datetime]] = {}
    for when, offset_from, offset_to, name, is_dst in changes:
        # An observance's onset is written in the local time in force before it.
        groups.setdefault((is_dst, offset_from, offset_to, name), []).append((when + offset_from).replace(tzinfo=None))
    tz = icalendar.Timezone()
    tz.add("tzid", settings.TIME_ZONE)
    for (is_dst, offset_from, offset_to, name), onsets in sorted(groups.items(), key=lambda item: item[1][0]):
        observance = icalendar.TimezoneDaylight() if is_dst else icalendar.TimezoneStandard()
        observance.add("dtstart", onsets[0])
        for onset in onsets[1:]:
            observance.add("rdate", onset)
        observance.add("tzoffsetfrom", offset_from)
        observance.add("tzoffsetto", offset_to)
        observance.add("tzname", name)
        tz.add_component(observance)
    return tz


def _years(component) -> set[int]:
    years = set()
    for key in ("DTSTART", "DTEND", "EXDATE", "RDATE"):
        values = component.get(key)
        for value in values if isinstance(values, list) else [values]:
            if value is None:
                continue
            for item in getattr(value, "dts", [value]):
                if isinstance(item.dt, dt.datetime | dt.date):
                    years.add(item.dt.year)
    rule = component.get("RRULE")
    until = rule.get("UNTIL") if rule else None
    if until:
        years.update(value.year for value in (until if isinstance(until, list) else [until]))
    return years


def add_timezone(cal: icalendar.Calendar, *, default_year: int) -> None:
    """Add the local VTIMEZONE covering every year the calendar's events touch."""
    years = set()
    for event in cal.walk("VEVENT"):
        years |= _years(event)
    years = years or {default_year}
    cal.add_component(vtimezone(min(years), max(years)))
