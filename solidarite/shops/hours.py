"""Opening hours in OpenStreetMap syntax: validation with a French message, and "open now".

Parsing is the expensive part, and a town's shops share a few dozen distinct expressions
("Mo-Sa 09:00-19:00"...). Each distinct string is parsed once per process (bounded LRU), and
its open/closed state is remembered until the library's own ``next_change``: asking
"which shops are open now?" then costs one dictionary lookup per distinct string, not one
parse per shop.
"""

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import opening_hours
from django.core.exceptions import ValidationError
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

PARIS = ZoneInfo("Europe/Paris")
COUNTRY = "FR"
# Changes further away than this are "not soon": keeps evaluation bounded for odd expressions.
MAX_INTERVAL_DAYS = 8
_CACHE_SIZE = 4096

_DAY_WORDS = {
    "lu": "Mo",
    "lun": "Mo",
    "ma": "Tu",
    "mar": "Tu",
    "me": "We",
    "mer": "We",
    "je": "Th",
    "jeu": "Th",
    "ve": "Fr",
    "ven": "Fr",
    "sa": "Sa",
    "sam": "Sa",
    "di": "Su",
    "dim": "Su",
}


class OpeningHoursError(ValidationError):
    pass


def _hint(value: str) -> str:
    """What is most likely wrong, in words a shopkeeper understands."""
    if re.search(r"\d\s*h\s*\d*", value, flags=re.IGNORECASE):
        return _("Les heures s'écrivent sur 24 heures avec deux points, par exemple 09:00-18:00 et non 9h-18h.")
    words = {w.lower() for w in re.findall(r"[A-Za-zéû]+", value)}
    if words & set(_DAY_WORDS):
        return _("Les jours s'écrivent en abrégé anglais : Mo Tu We Th Fr Sa Su, et PH pour les jours fériés.")
    if re.search(r"\d{1,2}:\d{2}\s*[-\u2013]\s*\d{1,2}(?!:)", value) or re.search(r"(?<!\d)\d{1,2}\s*[-\u2013]", value):
        return _("Chaque heure a des minutes : 09:00-12:00, pas 9-12.")
    return _("Exemple valide : Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00; PH off")


def _parse(value: str) -> opening_hours.OpeningHours:
    return opening_hours.OpeningHours(value, timezone=PARIS, country=COUNTRY, max_interval_days=MAX_INTERVAL_DAYS)


def validate_opening_hours(value: str) -> None:
    """Raise a ValidationError in French naming where and what is wrong; empty means "not given"."""
    if not value or not value.strip():
        return
    try:
        _parse(value)
    except (opening_hours.ParserError, SyntaxError, ValueError) as exc:
        match = re.search(r"-->\s*\d+:(\d+)", str(exc))
        column = int(match.group(1)) if match else 1
        fragment = value[column - 1 : column + 14].strip() or value.strip()
        raise OpeningHoursError(
            _("Horaires non reconnus à partir de « %(fragment)s » (caractère %(column)s). %(hint)s"),
            code="invalid_opening_hours",
            params={"fragment": fragment, "column": column, "hint": _hint(value)},
        ) from exc


@dataclass(frozen=True)
class _Evaluation:
    state: str  # "open" | "closed" | "unknown"
    valid_until: datetime | None  # None: holds for the evaluation window
    checked_at: datetime


class _HoursCache:
    """Parsed expressions and their current state, per distinct string. Thread-safe, bounded."""

    def __init__(self, size: int = _CACHE_SIZE):
        self.size = size
        self._lock = threading.Lock()
        self._parsed: OrderedDict[str, opening_hours.OpeningHours | None] = OrderedDict()
        self._states: dict[str, _Evaluation] = {}

    def parsed(self, value: str):
        with self._lock:
            if value in self._parsed:
                self._parsed.move_to_end(value)
                return self._parsed[value]
        try:
            oh = _parse(value)
        except (opening_hours.ParserError, SyntaxError, ValueError):
            oh = None
        with self._lock:
            self._parsed[value] = oh
            while len(self._parsed) > self.size:
                old, _unused = self._parsed.popitem(last=False)
                self._states.pop(old, None)
        return oh

    def state(self, value: str, at: datetime) -> str:
        cached = self._states.get(value)
        if cached and cached.checked_at <= at:
            if cached.valid_until is not None and at < cached.valid_until:
                return cached.state
            # No change within the evaluation window: trust it for a day at most.
            if cached.valid_until is None and at - cached.checked_at < timedelta(days=1):
                return cached.state
        oh = self.parsed(value)
        if oh is None:
            return "unknown"
        state = oh.state(at)[0]
        code = {opening_hours.State.OPEN: "open", opening_hours.State.CLOSED: "closed"}.get(state, "unknown")
        self._states[value] = _Evaluation(code, oh.next_change(at), at)
        return code

    def clear(self):
        with self._lock:
            self._parsed.clear()
            self._states.clear()


cache = _HoursCache()


def local(at: datetime | None = None) -> datetime:
    """``at`` (or now) as an aware datetime in Europe/Paris with a ZoneInfo, as the library needs."""
    at = at or timezone.now()
    if timezone.is_naive(at):
        return at.replace(tzinfo=PARIS)
    return at.astimezone(PARIS)


def open_expressions(values, at: datetime | None = None) -> set[str]:
    """The subset of opening-hours strings that say "open" at ``at``; each string evaluated once."""
    at = local(at)
    return {value for value in set(values) if value and cache.state(value, at) == "open"}


def _clock(moment: datetime) -> str:
    if (translation.get_language() or "fr").startswith("fr"):
        return f"{moment.hour} h" if moment.minute == 0 else f"{moment.hour} h {moment.minute:02d}"
    return moment.strftime("%H:%M")


def _day(moment: datetime, now: datetime) -> str:
    delta = (moment.date() - now.date()).days
    if delta == 0:
        return ""
    if delta == 1:
        return pgettext("opening hours", "demain")
    if delta < 7:
        return formats.date_format(moment, "l").lower()
    return formats.date_format(moment, "l j F").lower()


@dataclass(frozen=True)
class HoursStatus:
    state: str  # "open" | "closed" | "unknown" | "none"
    label: str  # "Ouvert", "Fermé", ...
    detail: str  # "ferme à 19 h", "ouvre lundi à 9 h", ""

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    def __str__(self):
        return f"{self.label} · {self.detail}" if self.detail else self.label


def status(value: str, at: datetime | None = None) -> HoursStatus:
    """What a shop page says about its hours right now, in the active language."""
    if not value:
        return HoursStatus("none", _("Horaires non renseignés"), "")
    now = local(at)
    oh = cache.parsed(value)
    if oh is None:
        return HoursStatus("unknown", _("Horaires à confirmer"), "")
    state = cache.state(value, now)
    change = oh.next_change(now)
    if change is not None:
        change = change.astimezone(PARIS)
    if state == "open":
        if change is None:
            return HoursStatus("open", _("Ouvert maintenant"), "")
        day = _day(change, now)
        detail = (
            _("ferme %(day)s à %(time)s") % {"day": day, "time": _clock(change)}
            if day
            else _("ferme à %(time)s") % {"time": _clock(change)}
        )
        return HoursStatus("open", _("Ouvert maintenant"), detail)
    if state == "closed":
        if change is None:
            return HoursStatus("closed", _("Fermé"), "")
        day = _day(change, now)
        detail = (
            _("ouvre %(day)s à %(time)s") % {"day": day, "time": _clock(change)}
            if day
            else _("ouvre à %(time)s") % {"time": _clock(change)}
        )
        return HoursStatus("closed", _("Fermé"), detail)
    return HoursStatus("unknown", _("Horaires à confirmer"), "")


@dataclass(frozen=True)
class DayHours:
    day: datetime
    slots: tuple[str, ...]  # "9 h – 12 h 30"; empty: closed


def week(value: str, at: datetime | None = None, days: int = 7) -> list[DayHours]:
    """The next ``days`` days as readable slots, public holidays applied: the list equivalent of the rules."""
    oh = cache.parsed(value) if value else None
    if oh is None:
        return []
    today = local(at).date()
    result = []
    for offset in range(days):
        date = today + timedelta(days=offset)
        following = date + timedelta(days=1)
        day_start = datetime(date.year, date.month, date.day, tzinfo=PARIS)
        day_end = datetime(following.year, following.month, following.day, tzinfo=PARIS)
        slots = []
        for begin, end, state, _comment in oh.intervals(day_start, day_end):
            if state == opening_hours.State.OPEN:
                slots.append(f"{_clock(begin.astimezone(PARIS))} – {_clock(end.astimezone(PARIS))}")  # noqa: RUF001
        result.append(DayHours(day_start, tuple(slots)))
    return result
