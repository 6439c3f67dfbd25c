"""When an offerer is available, and how that meets a request's window.

Weekly slots are written the way people say them ("mar 14:00-18:00, sam 9h-12h") and stored as
``[weekday, start_minute, end_minute]`` in the town's local time (0 = Monday).
"""

import re
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DAY_NAMES = {
    "lun": 0, "lundi": 0, "mon": 0, "monday": 0,
    "mar": 1, "mardi": 1, "tue": 1, "tuesday": 1,
    "mer": 2, "mercredi": 2, "wed": 2, "wednesday": 2,
    "jeu": 3, "jeudi": 3, "thu": 3, "thursday": 3,
    "ven": 4, "vendredi": 4, "fri": 4, "friday": 4,
    "sam": 5, "samedi": 5, "sat": 5, "saturday": 5,
    "dim": 6, "dimanche": 6, "sun": 6, "sunday": 6,
}  # fmt: skip
WEEKDAYS = [
    gettext_lazy("lundi"),
    gettext_lazy("mardi"),
    gettext_lazy("mercredi"),
    gettext_lazy("jeudi"),
    gettext_lazy("vendredi"),
    gettext_lazy("samedi"),
    gettext_lazy("dimanche"),
]
MAX_SLOTS = 21
_SLOT_RE = re.compile(r"^([a-zé]+)\.?\s+(\d{1,2})(?:[h:](\d{2})?)?\s*[-–à]\s*(\d{1,2})(?:[h:](\d{2})?)?$")


def parse_slots(text: str) -> list[list[int]]:
    """``"mar 14:00-18:00, sam 9h-12h"`` -> ``[[1, 840, 1080], [5, 540, 720]]``."""
    slots = []
    for part in re.split(r"[,;\n]+", (text or "").strip().lower()):
        part = part.strip()
        if not part:
            continue
        m = _SLOT_RE.match(part)
        day = DAY_NAMES.get(m.group(1)) if m else None
        if m is None or day is None:
            raise ValidationError(
                _("Créneau « %(slot)s » non compris. Écrivez par exemple : mar 14:00-18:00."), params={"slot": part}
            )
        start = int(m.group(2)) * 60 + int(m.group(3) or 0)
        end = int(m.group(4)) * 60 + int(m.group(5) or 0)
        if not (0 <= start < end <= 24 * 60):
            raise ValidationError(
                _("Créneau « %(slot)s » : l'heure de fin doit suivre l'heure de début."), params={"slot": part}
            )
        slots.append([day, start, end])
    if len(slots) > MAX_SLOTS:
        raise ValidationError(_("Vingt et un créneaux au plus."))
    return slots


def availability_intervals(offer, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """The parts of [start, end) when the offerer is available (aware datetimes, local time)."""
    tz = timezone.get_current_timezone()
    start, end = start.astimezone(tz), end.astimezone(tz)
    if offer.available_from:
        start = max(start, _local_midnight(offer.available_from, tz))
    if offer.available_until:
        end = min(end, _local_midnight(offer.available_until + timedelta(days=1), tz))
    if start >= end:
        return []
    if not offer.weekly_slots:
        return [(start, end)]
    intervals = []
    day = start.date()
    # Requests last at most a few weeks (validated), so this loop is short.
    while day <= end.date():
        for weekday, s, e in offer.weekly_slots:
            if weekday != day.weekday():
                continue
            midnight = _local_midnight(day, tz)
            a, b = max(start, midnight + timedelta(minutes=s)), min(end, midnight + timedelta(minutes=e))
            if a < b:
                intervals.append((a, b))
        day += timedelta(days=1)
    intervals.sort()
    return intervals


def _local_midnight(day: date, tz) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), tz)


def moment_label(when: datetime) -> str:
    """``mardi après-midi``: how people name a moment."""
    local = timezone.localtime(when)
    if local.hour < 12:
        part = _("matin")
    elif local.hour < 18:
        part = _("après-midi")
    else:
        part = _("soir")
    return f"{WEEKDAYS[local.weekday()]} {part}"
