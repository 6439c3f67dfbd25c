"""The shapes every dashboard figure shares: a ``Table`` (columns, rows, CSV), the ``Period`` staff
pick, months, rates, and the small counts that are never printed. The apps' figure modules
(``figures``, ``rights_figures``…) build on these; ``figures.all_tables`` lists them in page order.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from solidarite import money


@dataclass
class Table:
    slug: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""
    # Row label -> (latitude, longitude), for the tables drawn as a map.
    places: dict[str, tuple[float, float]] = field(default_factory=dict)
    # Column index -> how its numbers read for people: "euros" (27 380,00 €), "percent" (24 %) or
    # "people" (a count of people or of their appointments: 1 to 4 print as « < 5 », see ``small``).
    units: dict[int, str] = field(default_factory=dict)

    @property
    def display_rows(self) -> list[list]:
        """The rows as the page and the CSV print them; ``rows`` keep the numbers (charts, tests)."""
        formats = {"euros": money.euros, "percent": money.percent, "people": small}

        def cell(index, value):
            unit = self.units.get(index)
            return formats[unit](value) if unit and value is not None else value

        return [[cell(index, value) for index, value in enumerate(row)] for row in self.rows]


@dataclass(frozen=True)
class Period:
    start: dt.datetime
    end: dt.datetime  # exclusive
    months: tuple[dt.date, ...]
    label: str
    slug: str

    @classmethod
    def last_months(cls, count: int = 12, now: dt.datetime | None = None) -> "Period":
        now = timezone.localtime(now or timezone.now())
        first = now.date().replace(day=1)
        months = [first]
        for _month in range(count - 1):
            months.insert(0, (months[0] - dt.timedelta(days=1)).replace(day=1))
        start = timezone.make_aware(dt.datetime.combine(months[0], dt.time.min))
        label = ngettext("le dernier mois", "les %(count)s derniers mois", count) % {"count": count}
        return cls(start=start, end=now, months=tuple(months), label=label, slug=f"{count}-mois")

    @classmethod
    def calendar_year(cls, year: int, now: dt.datetime | None = None) -> "Period":
        """January to December; the current year stops today, at its current month."""
        now = timezone.localtime(now or timezone.now())
        start = timezone.make_aware(dt.datetime(year, 1, 1))
        end = min(now, timezone.make_aware(dt.datetime(year + 1, 1, 1)))
        last_month = 12 if end.year > year else end.month
        months = tuple(dt.date(year, month, 1) for month in range(1, last_month + 1))
        return cls(
            start=start, end=end, months=months, label=gettext("l'année %(year)s") % {"year": year}, slug=str(year)
        )

    @property
    def year(self) -> int:
        """The year of the period's last day (whose envelopes are shown)."""
        return timezone.localtime(self.end - dt.timedelta(microseconds=1)).year


# Below this, a count of people is not printed (page and CSV): with a permanence, a theme and a month,
# 1 or 2 could point to someone. The exact numbers stay in ``rows`` (charts are not drawn for these tables).
SMALL_COUNT = 5


def small(value):
    return f"< {SMALL_COUNT}" if isinstance(value, int) and 0 < value < SMALL_COUNT else value


def month_label(month: dt.date) -> str:
    return date_format(month, "F Y")


def month_key(value) -> dt.date:
    return timezone.localtime(value).date().replace(day=1) if isinstance(value, dt.datetime) else value.replace(day=1)


def rate(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.01")) if whole else None
