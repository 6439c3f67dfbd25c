"""The booking rules of a room, evaluated without writing anything.

Each check returns French messages (empty list: fine). ``services`` runs them inside the write
transaction; forms and the API never duplicate them.
"""

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from associations.rooms import timefmt
from associations.rooms.models import MAX_BOOKING_HOURS
from solidarite import intervals

MAX_SERIES_DAYS = 366
# The opening-hours engine is shared with the permanences (``solidarite.intervals``).
parsed_hours = intervals.parsed_hours
aware = intervals.aware


def is_open_between(room, start: dt.datetime, end: dt.datetime) -> bool:
    return intervals.is_open_between(room.effective_opening_hours, start, end)


def open_intervals(room, day_start: dt.datetime, day_end: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """Open periods between two naive Paris datetimes, as naive Paris datetimes."""
    return intervals.open_intervals(room.effective_opening_hours, day_start, day_end)


def timing_errors(room, start: dt.datetime, end: dt.datetime, *, now: dt.datetime, by_staff: bool = False) -> list[str]:
    """Length, past, notice: what is wrong whatever the day of the slot."""
    # Instants, not wall times: two Paris datetimes compare by wall clock, blind to the pass of the
    # repeated autumn hour (02:45 first pass is before 02:15 second pass).
    start, end = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
    if end < start:
        return [
            _("La fin du créneau (%(end)s) est avant son début (%(start)s).")
            % {"end": timefmt.hour(end), "start": timefmt.hour(start)}
        ]
    if end == start:
        return [_("Le créneau dure zéro minute : choisissez une heure de fin après l'heure de début.")]
    errors = []
    if start < now:
        errors.append(_("Ce créneau est déjà passé : choisissez une date à venir."))
    elif not by_staff and start < now + dt.timedelta(hours=room.min_notice_hours):
        errors.append(
            ngettext(
                "Délai trop court : cette salle se réserve au moins %(hours)d heure à l'avance.",
                "Délai trop court : cette salle se réserve au moins %(hours)d heures à l'avance.",
                room.min_notice_hours,
            )
            % {"hours": room.min_notice_hours}
        )
    if end - start > dt.timedelta(hours=min(room.max_duration_hours, MAX_BOOKING_HOURS)):
        errors.append(
            ngettext(
                "Créneau trop long : %(hours)d heure au plus dans cette salle.",
                "Créneau trop long : %(hours)d heures au plus dans cette salle.",
                room.max_duration_hours,
            )
            % {"hours": room.max_duration_hours}
        )
    return errors


def closed_error(room, start: dt.datetime, end: dt.datetime) -> str:
    return _("La salle est fermée pendant ce créneau (%(slot)s). Horaires : %(hours)s.") % {
        "slot": timefmt.slot(start, end),
        "hours": room.opening_hours,
    }
