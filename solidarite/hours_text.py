"""Opening hours in words, in the page's language: « du mardi au samedi, 14 h – 19 h ; fermé les jours
fériés » / « Tuesday to Saturday, 2 pm – 7 pm; closed on public holidays ».

OSM syntax (« Tu-Sa 14:00-19:00; PH off ») is for data exports only (JSON-LD, data·inclusion, the API);
every page that shows hours goes through ``weekly`` (template filter ``hours_week`` / tag
``hours_table``). The words are not made from the string: the expression is evaluated by opening-hours-py
over a year (``hours_schema_org.regular_week``, the JSON-LD's own evaluation) and the usual week, the
public holidays and the other exceptions are described from what it opens and closes.

Each language has its own small grammar here (day ranges, « et », the 24-hour « 14 h » against the
12-hour « 2 pm ») rather than gettext strings: word order and the clock differ, not only the words.
A language without a grammar falls back to French, the site's default.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone, translation

from solidarite.shops.hours_schema_org import regular_week

ALL_DAY = (("00:00", "23:59"),)


@dataclass(frozen=True)
class Grammar:
    days: tuple[str, ...]
    every_day: str
    day_range: str  # "{first}", "{last}"
    and_: str
    list_sep: str
    pair_sep: str  # between the days and their hours
    group_sep: str  # between two groups of days
    round_the_clock: str
    closed: str
    holidays_closed: str
    holidays_open: str  # "{hours}"
    holidays_other: str
    exceptions: str
    midnight: str

    def clock(self, value: str, *, end: bool = False) -> str:
        raise NotImplementedError


class French(Grammar):
    def clock(self, value, *, end=False):
        hour, minute = (int(part) for part in value.split(":"))
        if end and (hour, minute) == (0, 0):
            return self.midnight
        return f"{hour} h" if minute == 0 else f"{hour} h {minute:02d}"


class English(Grammar):
    def clock(self, value, *, end=False):
        hour, minute = (int(part) for part in value.split(":"))
        if (hour, minute) == (0, 0):
            return self.midnight
        if (hour, minute) == (12, 0):
            return "noon"
        suffix = "am" if hour < 12 else "pm"
        hour = hour % 12 or 12
        return f"{hour} {suffix}" if minute == 0 else f"{hour}:{minute:02d} {suffix}"


FRENCH = French(
    days=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    every_day="tous les jours",
    day_range="du {first} au {last}",
    and_=" et ",
    list_sep=", ",
    pair_sep=", ",
    group_sep=" ; ",
    round_the_clock="24 h sur 24",
    closed="fermé",
    holidays_closed="fermé les jours fériés",
    holidays_open="jours fériés, {hours}",
    holidays_other="horaires différents certains jours fériés",
    exceptions="horaires différents certains jours de l'année",
    midnight="minuit",
)
ENGLISH = English(
    days=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    every_day="every day",
    day_range="{first} to {last}",
    and_=" and ",
    list_sep=", ",
    pair_sep=", ",
    group_sep="; ",
    round_the_clock="24 hours a day",
    closed="closed",
    holidays_closed="closed on public holidays",
    holidays_open="public holidays, {hours}",
    holidays_other="different hours on some public holidays",
    exceptions="different hours on some days of the year",
    midnight="midnight",
)


class Arabic(Grammar):
    """The 24-hour clock in Western digits (« 14:00 »), as French offices and Maghreb timetables write it."""

    def clock(self, value, *, end=False):
        hour, minute = (int(part) for part in value.split(":"))
        if end and (hour, minute) == (0, 0):
            return self.midnight
        return f"{hour}:{minute:02d}"


ARABIC = Arabic(
    days=("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
    every_day="كل يوم",
    day_range="من {first} إلى {last}",
    and_=" و",
    list_sep="، ",
    pair_sep="، ",
    group_sep="؛ ",
    round_the_clock="24 ساعة في اليوم",
    closed="مغلق",
    holidays_closed="مغلق في أيام العطل الرسمية",
    holidays_open="أيام العطل الرسمية، {hours}",
    holidays_other="أوقات مختلفة في بعض أيام العطل الرسمية",
    exceptions="أوقات مختلفة في بعض أيام السنة",
    midnight="منتصف الليل",
)
GRAMMARS = {"fr": FRENCH, "en": ENGLISH, "ar": ARABIC}


@dataclass(frozen=True)
class Row:
    days: str  # "du mardi au samedi"
    hours: str  # "14 h – 19 h", "fermé"
    is_open: bool


@dataclass(frozen=True)
class WeeklyHours:
    rows: tuple[Row, ...]  # the whole week, closed days included, Monday first
    notes: tuple[str, ...]  # public holidays, other exceptions
    grammar: Grammar

    @property
    def sentence(self) -> str:
        """The open days and the notes in one line: what a card or a list shows."""
        parts = [f"{row.days}{self.grammar.pair_sep}{row.hours}" for row in self.rows if row.is_open]
        if not parts:
            parts = [self.grammar.closed]
        return self.grammar.group_sep.join([*parts, *self.notes])

    def __str__(self):
        return self.sentence


def grammar(language: str | None = None) -> Grammar:
    language = (language or translation.get_language() or "fr").split("-")[0]
    return GRAMMARS.get(language, FRENCH)


def _hours(key: tuple, words: Grammar) -> str:
    if not key:
        return words.closed
    if key == ALL_DAY:
        return words.round_the_clock
    ranges = [f"{words.clock(opens)} – {words.clock(closes, end=True)}" for opens, closes in key]  # noqa: RUF001
    return words.and_.join(ranges) if len(ranges) < 3 else words.list_sep.join(ranges)


def _runs(usual: dict) -> list[list[int]]:
    """Weekdays grouped into runs of consecutive days with the same hours, a run may cross Sunday
    (« Sa-Mo » is « du samedi au lundi »); runs in week order, the one crossing Sunday last."""
    keys = [usual.get(day) for day in range(7)]
    if len(set(keys)) == 1:
        return [list(range(7))]
    start = next(day for day in range(7) if keys[day] != keys[day - 1])
    runs: list[list[int]] = []
    for offset in range(7):
        day = (start + offset) % 7
        if runs and keys[runs[-1][-1]] == keys[day]:
            runs[-1].append(day)
        else:
            runs.append([day])
    return sorted(runs, key=lambda run: (run[0] > run[-1], run[0]))


def _run_label(run: list[int], words: Grammar) -> str:
    if len(run) == 7:
        return words.every_day
    if len(run) == 1:
        return words.days[run[0]]
    if len(run) == 2:
        return f"{words.days[run[0]]}{words.and_}{words.days[run[1]]}"
    return words.day_range.format(first=words.days[run[0]], last=words.days[run[-1]])


def _label(runs: list[list[int]], words: Grammar) -> str:
    """« mardi et jeudi », « lundi et du mercredi au vendredi »; two-day runs among others are named
    day by day so that « et » comes once: « mercredi, vendredi, dimanche et lundi »."""
    if len(runs) == 1:
        return _run_label(runs[0], words)
    pieces = []
    for run in runs:
        pieces.extend([[day] for day in run] if len(run) == 2 else [run])
    labels = [_run_label(piece, words) for piece in pieces]
    return words.list_sep.join(labels[:-1]) + words.and_ + labels[-1]


def _holiday_note(week, words: Grammar) -> str:
    """Only holidays that fall on a usually open weekday tell anything."""
    seen = {key for day, key in week.holidays.items() if week.usual.get(day.weekday())}
    differing = {key for day, key in week.holidays.items() if week.usual.get(day.weekday()) not in (None, key)}
    if not differing:
        return ""
    if seen == {()}:
        return words.holidays_closed
    if len(seen) == 1:
        return words.holidays_open.format(hours=_hours(next(iter(seen)), words))
    # Some holidays as usual, others not: a seasonal rule (« Aug off » and the 15th of August) already
    # said by the note on exceptions, or holiday rules of their own.
    return "" if week.exceptions else words.holidays_other


def weekly(value: str, language: str | None = None, first: dt.date | None = None) -> WeeklyHours | None:
    """The hours of an OSM expression in words; None when there are none or they cannot be read."""
    week = regular_week(value or "", first or timezone.localdate())
    if week is None:
        return None
    words = grammar(language)
    groups: dict[tuple, list[list[int]]] = {}
    for run in _runs(week.usual):
        groups.setdefault(week.usual.get(run[0], ()), []).append(run)
    # Same hours on days apart share one row: « mardi et jeudi, 14 h – 17 h ».
    rows = tuple(Row(_label(runs, words), _hours(key, words), bool(key)) for key, runs in groups.items())
    notes = [note for note in (_holiday_note(week, words),) if note]
    if week.exceptions:
        notes.append(words.exceptions)
    return WeeklyHours(rows, tuple(notes), words)
