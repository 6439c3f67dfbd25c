"""iCalendar (RFC 5545) feeds of bookings: a series is one VEVENT with RRULE and EXDATE.

Times are written in Europe/Paris with its VTIMEZONE, so a calendar keeps a weekly 18:00 at 18:00
on both sides of a daylight-saving change (``solidarite.ical``: UTC where a local time is ambiguous).
"""

import datetime as dt
from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from associations.rooms.models import PARIS, Booking
from solidarite import ical

PAST_DAYS = 31


def feed_bookings(qs):
    """Active bookings from a month ago on, plus the non-active dates of their series (for EXDATE)."""
    since = timezone.now() - dt.timedelta(days=PAST_DAYS)
    return list(qs.filter(end__gte=since).select_related("room", "association", "series").order_by("start"))


def build_calendar(bookings: list[Booking], *, name: str, summary, private: bool = False) -> bytes:
    """``summary(booking)`` says what the event is called in this feed (public feeds hide names)."""
    cal = Calendar()
    cal.add("prodid", "-//Solidarite//Salles//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    # No X-WR-TIMEZONE: readers that honour it rewrite UTC times as local wall times, which cannot name
    # the second pass of the repeated autumn hour (solidarite.ical). Every time carries TZID or Z anyway.
    singles = [b for b in bookings if not b.series_id and b.is_active]
    by_series = defaultdict(list)
    for b in bookings:
        if b.series_id:
            by_series[b.series_id].append(b)
    for booking in singles:
        cal.add_component(_event(booking, summary(booking), private=private))
    for occurrences in by_series.values():
        event = _series_event(occurrences, summary, private=private)
        if event is not None:
            cal.add_component(event)
    ical.add_timezone(cal, default_year=timezone.localdate().year)
    return cal.to_ical()


def _event(booking: Booking, title: str, *, private: bool) -> Event:
    event = Event()
    event.add("uid", f"booking-{booking.pk}@solidarite")
    event.add("dtstamp", booking.updated_at)
    ical.add_times(event, booking.start, booking.end)
    event.add("summary", title)
    event.add("location", f"{booking.room.name}, {booking.room.address}")
    event.add("status", "CONFIRMED" if booking.status == Booking.Status.CONFIRMED else "TENTATIVE")
    if private:
        event.add("description", _describe_private(booking))
    return event


def _series_event(occurrences: list[Booking], summary, *, private: bool) -> Event | None:
    active = [b for b in occurrences if b.is_active]
    if not active:
        return None
    series = occurrences[0].series
    first = series.first_start.astimezone(PARIS)
    duration = dt.timedelta(minutes=series.duration_minutes)
    event = _event(active[0], summary(active[0]), private=private)
    event["uid"] = f"series-{series.pk}@solidarite"
    del event["dtstart"]
    del event["dtend"]
    end = (first.replace(tzinfo=None) + duration).replace(tzinfo=PARIS)
    until = dt.datetime.combine(series.until, dt.time(23, 59, 59)).replace(tzinfo=PARIS).astimezone(dt.UTC)
    parts = {"freq": series.rrule.split("FREQ=")[1].split(";")[0], "until": until}
    for piece in series.rrule.split(";"):
        key, _sep, value = piece.partition("=")
        if key == "INTERVAL" and value != "1":
            parts["interval"] = int(value)
        elif key == "BYDAY":
            parts["byday"] = value
    excluded = {dt.date.fromisoformat(day) for day in series.excluded_dates}
    excluded |= {b.start.astimezone(PARIS).date() for b in occurrences if not b.is_active}
    walls = [dt.datetime.combine(day, first.time()).replace(tzinfo=PARIS) for day in excluded]
    ical.add_recurring_times(event, first, end, parts, excluded=walls)
    if any(b.status == Booking.Status.REQUESTED for b in active):
        event["status"] = "TENTATIVE"
    return event


def _describe_private(booking: Booking) -> str:
    lines = [booking.holder_name, booking.get_status_display()]
    if booking.support_note:
        lines.append(booking.support_note)
    return "\n".join(line for line in lines if line)


def public_summary(booking: Booking) -> str:
    return booking.public_holder or _("Réservé")


def private_summary(booking: Booking) -> str:
    return f"{booking.title} — {booking.room.name}"
