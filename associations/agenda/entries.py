"""What the town agenda lists: occurrences of associations' actions and shops' solidarity initiatives.

Both are typed entries with the same face (``start``, ``title``, ``url``, a template to show it, its feed item
and iCalendar event), merged into one order; the pages and feeds never ask which kind they hold.
"""

import datetime as dt
import heapq
from dataclasses import dataclass
from typing import ClassVar
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.html import linebreaks, strip_tags
from django.utils.translation import gettext as _

from associations.directory.models import Action, occurrence_starts
from associations.directory.tagging import attach_tags
from solidarite import ical
from solidarite.shops.models import Initiative

# On the same instant, a shop's all-day initiative comes before the actions of the day.
INITIATIVE, ACTION = 0, 1


def local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def _short_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class ActionEntry:
    """One occurrence of an action (in feeds: its next one; its calendar event carries the recurrence)."""

    action: Action
    start: dt.datetime
    template_name: ClassVar[str] = "agenda/includes/action.html"

    @property
    def sort_key(self):
        return (self.start, ACTION, self.action.pk)

    @property
    def end(self):
        return self.start + self.action.duration

    @property
    def title(self) -> str:
        return self.action.title

    @property
    def url(self) -> str:
        return self.action.get_absolute_url()

    @property
    def feed_title(self) -> str:
        when = timezone.localtime(self.start).strftime("%d/%m/%Y %H:%M")
        prefix = _("ANNULÉE — ") if self.action.is_cancelled else ""
        return f"{prefix}{self.action.title} ({when})"

    @property
    def feed_description(self) -> str:
        # Already sanitised on the way in (nh3); the feed generator escapes it again for XML.
        return self.action.description

    @property
    def author_name(self) -> str:
        return self.action.association.name

    @property
    def categories(self) -> list[str]:
        return [tag.name for tag in self.action.tag_list]

    @property
    def created_at(self):
        return self.action.created_at

    @property
    def updated_at(self):
        return self.action.updated_at

    def ical_event(self, *, stamp, host) -> icalendar.Event:
        action, tz = self.action, ZoneInfo(settings.TIME_ZONE)
        event = icalendar.Event()
        event.add("uid", f"action-{action.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("last-modified", action.updated_at)
        event.add("summary", action.title)
        if action.recurrence and action.recurrence_until:
            rule = {"freq": "monthly" if action.recurrence == Action.Recurrence.MONTHLY else "weekly"}
            if action.recurrence == Action.Recurrence.BIWEEKLY:
                rule["interval"] = 2
            rule["until"] = dt.datetime.combine(action.recurrence_until, dt.time(23, 59, 59), tzinfo=tz).astimezone(
                dt.UTC
            )
            ical.add_recurring_times(event, action.starts_at, action.ends_at, rule)
        else:
            ical.add_times(event, action.starts_at, action.ends_at)
        event.add("description", strip_tags(action.description))
        location = ", ".join(part for part in (action.place_name, action.address) if part)
        if location:
            event.add("location", location)
        if action.latitude is not None:
            event.add("geo", (action.latitude, action.longitude))
        event.add("url", settings.SITE_URL + action.get_absolute_url())
        if action.association.email:
            event.add("organizer", f"mailto:{action.association.email}", parameters={"cn": action.association.name})
        event.add("status", "CANCELLED" if action.is_cancelled else "CONFIRMED")
        return event


@dataclass(frozen=True)
class InitiativeEntry:
    """A shop's initiative, all day long on the day it is shown: its start, or the period's first day when
    it is already running then."""

    initiative: Initiative
    start: dt.datetime
    template_name: ClassVar[str] = "agenda/includes/initiative.html"

    @classmethod
    def shown_from(cls, initiative: Initiative, first_day: dt.date) -> "InitiativeEntry":
        return cls(initiative, local_midnight(max(initiative.starts_on, first_day)))

    @property
    def sort_key(self):
        return (self.start, INITIATIVE, self.initiative.pk)

    @property
    def title(self) -> str:
        return self.initiative.title

    @property
    def url(self) -> str:
        return self.initiative.get_absolute_url()

    @property
    def period(self) -> str:
        initiative = self.initiative
        if initiative.ends_on:
            return _("du %(start)s au %(end)s") % {
                "start": _short_date(initiative.starts_on),
                "end": _short_date(initiative.ends_on),
            }
        return _("à partir du %(start)s") % {"start": _short_date(initiative.starts_on)}

    @property
    def feed_title(self) -> str:
        return f"{self.initiative.title} — {self.initiative.shop.name} ({self.period})"

    @property
    def feed_description(self) -> str:
        # Plain text typed by a shopkeeper: escaped here, since feed readers take the description as HTML.
        return linebreaks(self._summary(), autoescape=True)

    @property
    def author_name(self) -> str:
        return self.initiative.shop.name

    @property
    def categories(self) -> list[str]:
        return [str(self.initiative.get_kind_display())]

    @property
    def created_at(self):
        return self.initiative.created_at

    @property
    def updated_at(self):
        return self.initiative.updated_at

    def _summary(self) -> str:
        return "\n\n".join(self.initiative.summary_parts())

    def ical_event(self, *, stamp, host) -> icalendar.Event:
        initiative, shop = self.initiative, self.initiative.shop
        event = icalendar.Event()
        event.add("uid", f"initiative-{initiative.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("last-modified", initiative.updated_at)
        event.add("summary", f"{initiative.title} — {shop.name}")
        # All-day dates; DTEND is exclusive. Without an end date, the event marks the day it starts.
        event.add("dtstart", initiative.starts_on)
        event.add("dtend", (initiative.ends_on or initiative.starts_on) + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("description", f"{self._summary()}\n\n{self.period}")
        event.add("location", ", ".join(part for part in (shop.name, shop.address) if part))
        if shop.latitude is not None and shop.longitude is not None:
            event.add("geo", (shop.latitude, shop.longitude))
        event.add("url", settings.SITE_URL + initiative.get_absolute_url())
        event.add("categories", [str(initiative.get_kind_display())])
        event.add("status", "CONFIRMED")
        return event


class AgendaRows:
    """The sort keys ``(start, kind, id)`` of what the agenda shows in [start, end), sliceable for a Paginator.

    One-off actions are counted and sliced in SQL; recurring actions (few) are expanded in Python, and the
    initiatives of the period (few) come as (day, id) pairs: all are merged, so a page costs a handful of
    queries whatever the number of rows. ``load_entries`` then loads the shown page.
    """

    def __init__(self, actions, start, end, initiative_days=()):
        self.one_offs = actions.filter(recurrence="").order_by("starts_at", "pk")
        recurring = actions.exclude(recurrence="").values_list(
            "pk", "starts_at", "ends_at", "recurrence", "recurrence_until"
        )
        repeated = [
            (when, ACTION, pk) for pk, *fields in recurring for when in occurrence_starts(*fields, start=start, end=end)
        ]
        initiatives = [(local_midnight(day), INITIATIVE, pk) for day, pk in initiative_days]
        self.others = sorted(repeated + initiatives)
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.one_offs.count() + len(self.others)
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        stop = key.stop if key.stop is not None else self.count()
        firsts = [(when, ACTION, pk) for when, pk in self.one_offs.values_list("starts_at", "pk")[:stop]]
        merged = list(heapq.merge(firsts, self.others[:stop]))
        return merged[key.start or 0 : stop]


def load_entries(keys) -> list:
    """The entries of these sort keys, in their order: a query per kind present on the page, one for tags."""
    ids = {INITIATIVE: set(), ACTION: set()}
    for _when, kind, pk in keys:
        ids[kind].add(pk)
    actions = Action.objects.filter(pk__in=ids[ACTION]).select_related("association", "quartier")
    loaded = {
        ACTION: {action.pk: action for action in attach_tags(actions, Action)},
        INITIATIVE: Initiative.objects.select_related("shop__quartier", "association").in_bulk(ids[INITIATIVE]),
    }
    build = {ACTION: ActionEntry, INITIATIVE: InitiativeEntry}
    return [build[kind](loaded[kind][pk], when) for when, kind, pk in keys]
