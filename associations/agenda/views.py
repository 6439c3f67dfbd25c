"""The town agenda: associations' actions and shops' solidarity initiatives, by week or as a list, and its
RSS/Atom/iCalendar feeds (an association's feeds carry its own actions)."""

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from associations.agenda.entries import ActionEntry, AgendaRows, InitiativeEntry, load_entries
from associations.agenda.forms import AgendaFilterForm
from associations.directory.models import Action, Association
from associations.directory.tagging import attach_tags
from solidarite import ical
from solidarite.fragments.cache import LISTINGS, cached_part
from solidarite.shops.models import Initiative
from solidarite.shops.search import agenda_days

LIST_DAYS = 62
PAGE_SIZE = 30
FEED_SIZE = 100


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


def _actions(form, data, start, end):
    if not form.shows(data, form.ACTIONS):
        return Action.objects.none()
    return Action.objects.public().between(start, end).filtered(data)


def _initiative_days(form, data, start, end):
    if not form.shows(data, form.INITIATIVES):
        return []
    first_day = timezone.localdate(start)
    last_day = timezone.localdate(end - dt.timedelta(microseconds=1))
    return agenda_days(first_day, last_day, q=data.get("q") or "", quartier=data.get("quartier") or None)


def agenda(request):
    listing = cached_part(request, area=LISTINGS, render=lambda: _agenda_listing(request.GET))
    return render(request, "agenda/agenda.html", {"listing": listing})


def _agenda_listing(params) -> str:
    form = AgendaFilterForm(params or None)
    week_start = parse_week(params.get("semaine"))
    now = timezone.now()
    if week_start:
        start, end = week_start, week_start + dt.timedelta(days=7)
    else:
        start, end = now, now + dt.timedelta(days=LIST_DAYS)
    data = form.filters()
    rows = AgendaRows(_actions(form, data, start, end), start, end, _initiative_days(form, data, start, end))
    page = Paginator(rows, PAGE_SIZE).get_page(params.get("page"))
    # Only the shown page is loaded in full.
    page.object_list = load_entries(page.object_list)
    days = [
        (day, list(group))
        for day, group in itertools.groupby(page.object_list, key=lambda entry: timezone.localtime(entry.start).date())
    ]
    this_monday = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    this_monday -= dt.timedelta(days=this_monday.weekday())
    shown_monday = week_start or this_monday
    query = params.copy()
    query.pop("page", None)
    page_query = query.urlencode()
    query.pop("semaine", None)
    return render_to_string(
        "agenda/_agenda_listing.html",
        {
            "form": form,
            "page": page,
            "days": days,
            "week_start": week_start,
            "week_end": (week_start + dt.timedelta(days=6)) if week_start else None,
            "semaine": params.get("semaine", ""),
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


def upcoming_entries(association=None) -> list:
    """The feeds' items: upcoming actions (of one association, or all of them with the shops' initiatives)."""
    now = timezone.now()
    found = [
        ActionEntry(action, action.next_start(now) or action.starts_at) for action in upcoming_actions(association)
    ]
    if association is None:
        today = timezone.localdate(now)
        initiatives = (
            Initiative.objects.on_agenda(today)
            .select_related("shop", "association")
            .order_by("starts_on", "pk")[:FEED_SIZE]
        )
        found += [InitiativeEntry.shown_from(initiative, today) for initiative in initiatives]
    return sorted(found, key=lambda entry: entry.sort_key)[:FEED_SIZE]


class AgendaFeed(Feed):
    description_template = None

    def title(self, obj=None):
        if obj is not None:
            return _("Actions de %(name)s") % {"name": obj.name}
        return _("Agenda des associations de %(town)s") % {"town": settings.TOWN_NAME}

    def link(self, obj=None):
        return obj.get_absolute_url() if obj is not None else "/agenda/"

    def description(self, obj=None):
        if obj is not None:
            return _("Les prochaines actions publiées par les associations sur Solidarité.")
        return _("Les prochaines actions des associations et les initiatives solidaires des commerces, sur Solidarité.")

    def items(self, obj=None):
        return upcoming_entries(obj)

    def item_title(self, item):
        return item.feed_title

    def item_description(self, item):
        return item.feed_description

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return f"{settings.SITE_URL}{item.url}"

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author_name

    def item_categories(self, item):
        return item.categories


class AgendaAtomFeed(AgendaFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj=None):
        return self.description(obj)


class AssociationFeedMixin:
    def get_object(self, request, slug):
        return get_object_or_404(Association.objects.listed(), slug=slug)


class AssociationFeed(AssociationFeedMixin, AgendaFeed):
    pass


class AssociationAtomFeed(AssociationFeedMixin, AgendaAtomFeed):
    pass


def calendar_for(entries, name: str) -> icalendar.Calendar:
    """RFC 5545 calendar; recurring actions carry an RRULE, times are local with a Europe/Paris VTIMEZONE
    (``solidarite.ical``: UTC where a local time is ambiguous)."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Solidarite//Agenda des associations//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    # No X-WR-TIMEZONE: readers that honour it rewrite UTC times as local wall times, which cannot name
    # the second pass of the repeated autumn hour (solidarite.ical). Every time carries TZID or Z anyway.
    stamp = timezone.now()
    host = settings.SITE_URL.split("://", 1)[-1]
    for entry in entries:
        cal.add_component(entry.ical_event(stamp=stamp, host=host))
    ical.add_timezone(cal, default_year=timezone.localdate().year)
    return cal


def _ics_response(cal, filename):
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def agenda_ics(request):
    name = _("Agenda des associations de %(town)s") % {"town": settings.TOWN_NAME}
    return _ics_response(calendar_for(upcoming_entries(), name), "agenda.ics")


def association_ics(request, slug):
    association = get_object_or_404(Association.objects.listed(), slug=slug)
    return _ics_response(calendar_for(upcoming_entries(association), association.name), f"{association.slug}.ics")
