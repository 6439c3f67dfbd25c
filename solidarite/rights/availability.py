"""When a permanence can be booked: its slots over the booking horizon, each free, taken, walk-in or
past, and the checks a requested start must pass. Reads only: the writes are in ``appointments``
(booking) and ``waitlist`` (which holds freed slots a while for the first person waiting), and both
read their slots here, so neither needs the other's module to answer "is this slot free?".
"""

import bisect
import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from solidarite import hours_text, intervals
from solidarite.rights.permanence_models import MAX_SLOT_MINUTES, Appointment
from solidarite.rights.waitlist_models import WaitlistEntry


class AppointmentError(ValidationError):
    """A rule refused the request; ``messages`` are French, nothing was saved."""


class SlotTaken(AppointmentError):
    """Someone already holds this slot."""


@dataclass(frozen=True)
class Slot:
    start: dt.datetime
    end: dt.datetime
    state: str  # free | taken | walk_in | past

    @property
    def key(self) -> str:
        """The slot in a URL: its start, Paris wall clock with the offset (unambiguous in autumn)."""
        return self.start.isoformat(timespec="minutes")

    @property
    def bookable(self) -> bool:
        return self.state == "free"

    @property
    def label(self) -> str:
        """Why a slot that is not bookable cannot be booked, as its page says it."""
        return {
            "walk_in": pgettext("slot", "sans rendez-vous"),
            "taken": pgettext("slot", "pris"),
            "past": pgettext("slot", "trop tard pour réserver"),
        }.get(self.state, "")


def hour(value: dt.datetime) -> str:
    """« 14 h 30 » in French, « 2:30 pm » in English, « 14:30 » in Arabic: the page's clock (hours_text)."""
    value = value.astimezone(intervals.PARIS)
    return hours_text.grammar().clock(f"{value.hour:02d}:{value.minute:02d}")


def slot_text(start: dt.datetime, end: dt.datetime) -> str:
    day = date_format(start.astimezone(intervals.PARIS).date(), "l j F Y")
    return _("%(day)s, de %(start)s à %(end)s") % {"day": day, "start": hour(start), "end": hour(end)}


def slot_taken_error() -> SlotTaken:
    return SlotTaken(_("Désolé, ce créneau vient d'être pris : choisissez-en un autre."), code="slot_taken")


def _cut(permanence, first: dt.date, last: dt.date) -> list[tuple[dt.datetime, dt.datetime, bool]]:
    """(start, end, walk-in) of every slot of the permanence's hours from ``first`` to ``last`` included."""
    expression = permanence.effective_hours
    if not expression:
        return []
    begin = dt.datetime.combine(first, dt.time())
    finish = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
    opens = intervals.open_intervals(expression, begin, finish)
    walk_in = intervals.open_intervals(permanence.walk_in_hours, begin, finish) if permanence.walk_in_hours else []
    found = []
    for start, end in intervals.slots(opens, permanence.slot_length):
        a, b = start.replace(tzinfo=None), end.replace(tzinfo=None)
        found.append((start, end, any(w_a <= a and b <= w_b for w_a, w_b in walk_in)))
    return found


def horizon(permanence, now: dt.datetime) -> tuple[dt.date, dt.date]:
    today = now.astimezone(intervals.PARIS).date()
    return today, today + dt.timedelta(days=7 * permanence.weeks_ahead - 1)


def slots(permanence, *, now: dt.datetime | None = None, first=None, last=None) -> list[Slot]:
    """The permanence's slots over its booking horizon (or the given days), each with its state."""
    now = now or timezone.now()
    default_first, default_last = horizon(permanence, now)
    first, last = first or default_first, last or default_last
    cut = _cut(permanence, first, last)
    if not cut:
        return []
    held = list(Appointment.objects.overlapping(permanence, cut[0][0], cut[-1][1]).values_list("start", "end"))
    held += held_spans(permanence, cut[0][0], cut[-1][1], now)  # freed, kept a while for the list
    taken = _overlap_finder(held)
    earliest = now + dt.timedelta(hours=permanence.min_notice_hours)
    found = []
    for start, end, walk_in in cut:
        if walk_in:
            state = "walk_in"
        elif start < earliest:
            state = "past"
        elif taken(start, end):
            state = "taken"
        else:
            state = "free"
        found.append(Slot(start, end, state))
    return found


def _overlap_finder(held):
    """``taken(start, end)`` against the held spans, by bisection: four weeks of slots against hundreds of
    appointments compared each with each was most of a permanence page's time (bench/rights.py)."""
    held = sorted(held)
    starts = [h_start for h_start, _h_end in held]
    longest = dt.timedelta(minutes=MAX_SLOT_MINUTES)

    def taken(start, end) -> bool:
        first, last = bisect.bisect_left(starts, start - longest), bisect.bisect_left(starts, end)
        return any(intervals.overlaps(start, end, *held[i]) for i in range(first, last))

    return taken


def by_day(found: list[Slot]) -> list[tuple[dt.date, list[Slot]]]:
    days: dict[dt.date, list[Slot]] = {}
    for slot in found:
        days.setdefault(slot.start.astimezone(intervals.PARIS).date(), []).append(slot)
    return list(days.items())


def parse_start(value: str) -> dt.datetime:
    """A slot's start from a URL or form; a French error when it is not a date and time."""
    try:
        start = dt.datetime.fromisoformat((value or "").strip().replace(" ", "+"))
    except ValueError:
        raise AppointmentError(
            _("Ce créneau n'existe pas : choisissez-en un dans la liste."), code="bad_slot"
        ) from None
    return intervals.aware(start)


def bookable_end(permanence, start: dt.datetime, now: dt.datetime) -> dt.datetime:
    """The slot's end if ``start`` is a free-to-book slot start of the permanence; else a French error."""
    if not permanence.is_active:
        raise AppointmentError(_("Cette permanence ne prend pas de rendez-vous en ce moment."), code="inactive")
    day = start.astimezone(intervals.PARIS).date()
    first, last = horizon(permanence, now)
    if start < now + dt.timedelta(hours=permanence.min_notice_hours):
        raise AppointmentError(_("Ce créneau est passé ou trop proche : choisissez-en un plus tard."), code="too_soon")
    if day > last or day < first:
        raise AppointmentError(
            _("On ne réserve que jusqu'au %(day)s : choisissez un créneau plus tôt.")
            % {"day": date_format(last, "l j F")},
            code="too_far",
        )
    for s_start, s_end, walk_in in _cut(permanence, day, day):
        if s_start == start:
            if walk_in:
                raise AppointmentError(
                    _("Ce créneau est sans rendez-vous : venez directement, sans réserver."), code="walk_in"
                )
            return s_end
    raise AppointmentError(_("Ce créneau n'existe pas : choisissez-en un dans la liste."), code="bad_slot")


def held_spans(permanence, start, end, now, *, besides=None) -> list[tuple[dt.datetime, dt.datetime]]:
    """The slots held for someone on the list (their offer still running) between ``start`` and ``end``."""
    rows = WaitlistEntry.objects.filter(
        permanence=permanence,
        status=WaitlistEntry.Status.OFFERED,
        offer_until__gt=now,
        offered_start__lt=end,
        offered_end__gt=start,
    )
    if besides is not None:
        rows = rows.exclude(person=besides)
    return list(rows.values_list("offered_start", "offered_end"))
