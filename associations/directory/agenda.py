"""The town agenda: occurrences of public actions, by week or as a list, and their RSS/Atom/iCalendar feeds."""

import datetime as dt
import heapq
import itertools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from associations.directory.forms import AgendaFilterForm
from associations.directory.models import Action, Association, occurrence_starts
from associations.directory.tagging import attach_tags

LIST_DAYS = 62
PAGE_SIZE = 30
FEED_SIZE = 100


@dataclass(frozen=True)
class Occurrence:
    action: Action
    start: dt.datetime

    @property
    def end(self):
        return self.start + self.action.duration


class AgendaRows:
    """The (start, action id) occurrences of ``actions`` in [start, end), sorted, sliceable for a Paginator.

    One-off actions are counted and sliced in SQL; only recurring ones (few) are expanded in Python and merged,
    so a page costs a handful of queries whatever the number of actions.
    """

    def __init__(self, actions, start, end):
        self.one_offs = actions.filter(recurrence="").order_by("starts_at", "pk")
        recurring = actions.exclude(recurrence="").values_list(
            "pk", "starts_at", "ends_at", "recurrence", "recurrence_until"
        )
        self.repeated = sorted(
            (when, pk) for pk, *fields in recurring for when in occurrence_starts(*fields, start=start, end=end)
        )
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.one_offs.count() + len(self.repeated)
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        stop = key.stop if key.stop is not None else self.count()
        firsts = list(self.one_offs.values_list("starts_at", "pk")[:stop])
        merged = list(heapq.merge(firsts, self.repeated[:stop]))
        return merged[key.start or 0 : stop]


def parse_week(value: str | None):
    """``2026-W48`` -> the Monday 00:00 (local) of that ISO week; None when absent or malformed."""
    if not value:
        return None
    try:
        year, week = value.upper().split("-W")
        monday = dt.date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return None
    return dt.datetime.combine(monday, dt.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def week_label(monday: dt.datetime) -> str:
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def agenda(request):
    form = AgendaFilterForm(request.GET or None)
    week_start = parse_week(request.GET.get("semaine"))
    now = timezone.now()
    if week_start:
        start, end = week_start, week_start + dt.timedelta(days=7)
    else:
        start, end = now, now + dt.timedelta(days=LIST_DAYS)
    qs = Action.objects.public().between(start, end)
    data = form.filters()
    if data.get("q"):
        qs = qs.search(data["q"])
    if data.get("theme"):
        qs = qs.filter(tags__slug=data["theme"])
    if data.get("quartier"):
        qs = qs.filter(quartier__slug=getattr(data["quartier"], "slug", data["quartier"]))
    page = Paginator(AgendaRows(qs, start, end), PAGE_SIZE).get_page(request.GET.get("page"))
    # Only the shown page is loaded in full, with its tags.
    shown = Action.objects.filter(pk__in={pk for _when, pk in page.object_list}).select_related(
        "association", "quartier"
    )
    full = {action.pk: action for action in attach_tags(shown, Action)}
    page.object_list = [Occurrence(full[pk], when) for when, pk in page.object_list]
    days = [
        (day, list(group))
        for day, group in itertools.groupby(page.object_list, key=lambda o: timezone.localtime(o.start).date())
    ]
    this_monday = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    this_monday -= dt.timedelta(days=this_monday.weekday())
    shown_monday = week_start or this_monday
    query = request.GET.copy()
    query.pop("page", None)
    page_query = query.urlencode()
    query.pop("semaine", None)
    return render(
        request,
        "directory/agenda.html",
        {
            "form": form,
            "page": page,
            "days": days,
            "week_start": week_start,
            "week_end": (week_start + dt.timedelta(days=6)) if week_start else None,
            "previous_week": week_label(shown_monday - dt.timedelta(days=7)),
            "this_week": week_label(this_monday),
            "next_week": week_label(shown_monday + dt.timedelta(days=7)),
            "query": query.urlencode(),
            "page_query": page_query,
        },
    )


# --- feeds -------------------------------------------------------------------------------------


def upcoming_actions(association=None):
    qs = Action.objects.public().upcoming().select_related("association")
    if association is not None:
        qs = qs.filter(association=association)
    return attach_tags(qs.order_by("starts_at", "pk")[:FEED_SIZE], Action)


class AgendaFeed(Feed):
    description_template = None

    def title(self, obj=None):
        if obj is not None:
            return _("Actions de %(name)s") % {"name": obj.name}
        return _("Agenda des associations de %(town)s") % {"town": settings.TOWN_NAME}

    def link(self, obj=None):
        return obj.get_absolute_url() if obj is not None else "/agenda/"

    def description(self, obj=None):
        return _("Les prochaines actions publiées par les associations sur Solidarité.")

    def items(self, obj=None):
        return upcoming_actions(obj)

    def item_title(self, item):
        when = timezone.localtime(item.next_start() or item.starts_at).strftime("%d/%m/%Y %H:%M")
        prefix = _("ANNULÉE — ") if item.is_cancelled else ""
        return f"{prefix}{item.title} ({when})"

    def item_description(self, item):
        # Already sanitised on the way in (nh3); the feed generator escapes it again for XML.
        return item.description

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"{settings.SITE_URL}{item.get_absolute_url()}"

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.association.name

    def item_categories(self, item):
        return [tag.name for tag in item.tag_list]


class AgendaAtomFeed(AgendaFeed):
    feed_type = Atom1Feed
    subtitle = gettext_lazy("Les prochaines actions publiées par les associations sur Solidarité.")


class AssociationFeedMixin:
    def get_object(self, request, slug):
        return get_object_or_404(Association.objects.listed(), slug=slug)


class AssociationFeed(AssociationFeedMixin, AgendaFeed):
    pass


class AssociationAtomFeed(AssociationFeedMixin, AgendaAtomFeed):
    pass


def calendar_for(actions, name: str) -> icalendar.Calendar:
    """RFC 5545 calendar; recurring actions carry an RRULE, times are local with a Europe/Paris VTIMEZONE."""
    tz = ZoneInfo(settings.TIME_ZONE)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Solidarite//Agenda des associations//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    host = settings.SITE_URL.split("://", 1)[-1]
    for action in actions:
        event = icalendar.Event()
        event.add("uid", f"action-{action.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("last-modified", action.updated_at)
        event.add("summary", action.title)
        event.add("dtstart", timezone.localtime(action.starts_at, tz))
        event.add("dtend", timezone.localtime(action.ends_at, tz))
        if action.recurrence and action.recurrence_until:
            rule = {"freq": "monthly" if action.recurrence == Action.Recurrence.MONTHLY else "weekly"}
            if action.recurrence == Action.Recurrence.BIWEEKLY:
                rule["interval"] = 2
            rule["until"] = dt.datetime.combine(action.recurrence_until, dt.time(23, 59, 59), tzinfo=tz).astimezone(
                dt.UTC
            )
            event.add("rrule", rule)
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
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal


def _ics_response(cal, filename):
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def agenda_ics(request):
    name = _("Agenda des associations de %(town)s") % {"town": settings.TOWN_NAME}
    return _ics_response(calendar_for(upcoming_actions(), name), "agenda.ics")


def association_ics(request, slug):
    association = get_object_or_404(Association.objects.listed(), slug=slug)
    return _ics_response(calendar_for(upcoming_actions(association), association.name), f"{association.slug}.ics")
