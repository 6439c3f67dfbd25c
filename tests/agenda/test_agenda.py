import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from associations.agenda.views import LIST_DAYS
from associations.directory.models import Action
from tests.directory.factories import ActionFactory, AssociationFactory
from tests.factories import quartier

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
URL = reverse("directory:agenda")


def titles(response):
    return [o.action.title for o in response.context["page"].object_list]


def next_monday():
    today = timezone.localdate()
    return today + dt.timedelta(days=7 - today.weekday())


def at(day, hour):
    return dt.datetime.combine(day, dt.time(hour), tzinfo=PARIS)


def test_the_agenda_lists_upcoming_occurrences_in_order(client):
    monday = next_monday()
    ActionFactory(
        title="Mardi", starts_at=at(monday + dt.timedelta(days=1), 10), ends_at=at(monday + dt.timedelta(days=1), 12)
    )
    ActionFactory(
        title="Chaque lundi",
        starts_at=at(monday, 18),
        ends_at=at(monday, 19),
        recurrence=Action.Recurrence.WEEKLY,
        recurrence_until=monday + dt.timedelta(days=14),
    )
    ActionFactory(
        title="Passée", starts_at=at(monday - dt.timedelta(days=30), 9), ends_at=at(monday - dt.timedelta(days=30), 10)
    )
    ActionFactory(title="Annulée", status=Action.Status.CANCELLED)
    ActionFactory(title="Masquée", association=AssociationFactory(hidden=True))
    assert titles(client.get(URL)) == ["Chaque lundi", "Mardi", "Chaque lundi", "Chaque lundi"]
    week = client.get(URL, {"semaine": f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}"})
    assert titles(week) == ["Chaque lundi", "Mardi"]


def test_the_agenda_filters_by_theme_and_quartier(client):
    sport = ActionFactory(title="Tournoi", quartier=quartier("ragon"))
    sport.tags.set(["sport"])
    ActionFactory(title="Concert", quartier=quartier("la-houssais")).tags.set(["musique"])
    assert titles(client.get(URL, {"theme": "sport"})) == ["Tournoi"]
    assert titles(client.get(URL, {"quartier": "la-houssais"})) == ["Concert"]


def test_a_malformed_week_falls_back_to_the_list(client):
    ActionFactory(title="Bientôt")
    assert client.get(URL, {"semaine": "2026-W99"}).status_code == 200
    assert titles(client.get(URL, {"semaine": "n'importe quoi"})) == ["Bientôt"]


def test_the_agenda_runs_a_constant_number_of_queries(client):
    def count_for(n):
        for i in range(n):
            ActionFactory(quartier=quartier("ragon")).tags.set([f"t{i}", "commun"])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx.captured_queries)

    assert count_for(2) == count_for(25)


def test_rss_and_atom_feeds(client):
    association = AssociationFactory(name="Chorale")
    ActionFactory(association=association, title="Répétition ouverte", description='<a href="https://x.fr">lien</a>')
    ActionFactory(title="Autre")
    rss = client.get(reverse("directory:agenda_rss"))
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    assert "Répétition ouverte" in rss.content.decode() and "Autre" in rss.content.decode()
    atom = client.get(reverse("directory:association_atom", args=[association.slug]))
    body = atom.content.decode()
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "Répétition ouverte" in body and "Autre" not in body


def test_icalendar_feed_is_rfc5545_with_the_paris_timezone(client):
    monday = next_monday()
    association = AssociationFactory(email="chorale@exemple.fr")
    ActionFactory(
        association=association,
        title="Atelier couture",
        starts_at=at(monday, 14),
        ends_at=at(monday, 16),
        recurrence=Action.Recurrence.BIWEEKLY,
        recurrence_until=monday + dt.timedelta(days=60),
    )
    response = client.get(reverse("directory:agenda_ics"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = icalendar.Calendar.from_ical(response.content)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    timezones = list(cal.walk("VTIMEZONE"))
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Paris"]
    event = cal.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Atelier couture"
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event.decoded("DTSTART").replace(tzinfo=None) == dt.datetime.combine(monday, dt.time(14))
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["INTERVAL"] == [2]
    assert event["UID"] and event["DTSTAMP"]
    one = client.get(reverse("directory:association_ics", args=[association.slug]))
    assert b"Atelier couture" in one.content


def test_agenda_pages_merge_one_off_and_recurring_actions_in_order(client):
    monday = next_monday()
    for day in range(0, 60, 2):
        when = at(monday + dt.timedelta(days=day), 9 + day % 5)
        ActionFactory(title=f"Ponctuelle {day}", starts_at=when, ends_at=when + dt.timedelta(hours=1))
    ActionFactory(
        title="Hebdo",
        starts_at=at(monday, 11),
        ends_at=at(monday, 12),
        recurrence=Action.Recurrence.WEEKLY,
        recurrence_until=monday + dt.timedelta(days=50),
    )
    expected = [
        (start, title)
        for start, _pk, title in sorted(
            (start, action.pk, action.title)
            for action in Action.objects.all()
            for start in action.occurrence_starts(timezone.now(), timezone.now() + dt.timedelta(days=LIST_DAYS))
        )
    ]
    first = client.get(URL).context["page"]
    second = client.get(URL, {"page": 2}).context["page"]
    # The count follows from the day the test runs (derived above by the same rules), never hard-coded;
    # it always spills onto a second page.
    assert first.paginator.count == len(expected) > first.paginator.per_page and second.number == 2
    shown = [(o.start, o.action.title) for o in [*first.object_list, *second.object_list]]
    assert shown == expected
