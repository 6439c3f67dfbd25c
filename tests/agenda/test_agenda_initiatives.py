"""Shops' solidarity initiatives appear on the town agenda beside associations' actions, and in its feeds."""

import datetime as dt
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.directory.factories import ActionFactory, AssociationFactory
from tests.factories import quartier
from tests.shops.factories import InitiativeFactory, ShopFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
URL = reverse("directory:agenda")


def titles(response):
    return [entry.title for entry in response.context["page"].object_list]


def days(n):
    return timezone.localdate() + dt.timedelta(days=n)


def next_monday():
    today = timezone.localdate()
    return today + dt.timedelta(days=7 - today.weekday())


def week_of(day):
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def at(day, hour):
    return dt.datetime.combine(day, dt.time(hour), tzinfo=PARIS)


@pytest.fixture
def town():
    """A week of the town: an action, initiatives to show and initiatives the agenda must leave out."""
    monday = next_monday()
    ActionFactory(
        title="Atelier vélo",
        starts_at=at(monday + dt.timedelta(days=1), 10),
        ends_at=at(monday + dt.timedelta(days=1), 12),
    )
    InitiativeFactory(
        title="Repair café", starts_on=monday + dt.timedelta(days=1), ends_on=monday + dt.timedelta(days=1)
    )
    InitiativeFactory(title="Paniers anti-gaspi", starts_on=monday + dt.timedelta(days=3))
    InitiativeFactory(title="Collecte de jouets", starts_on=days(-5), ends_on=days(10))
    InitiativeFactory(title="Café suspendu permanent", starts_on=days(-30))
    InitiativeFactory(title="Arrêtée", starts_on=days(2), ended_at=timezone.now())
    InitiativeFactory(title="Commerce masqué", starts_on=days(2), shop=ShopFactory(hidden=True))
    InitiativeFactory(title="Commerce non vérifié", starts_on=days(2), shop=ShopFactory(pending=True))
    InitiativeFactory(title="Trop loin", starts_on=days(70))
    return monday


def test_the_list_shows_dated_and_upcoming_initiatives_among_actions(client, town):
    # Running with an end date: today. A day's initiative comes before that day's actions.
    assert titles(client.get(URL)) == ["Collecte de jouets", "Repair café", "Atelier vélo", "Paniers anti-gaspi"]


def test_the_week_view_shows_the_initiatives_of_that_week(client, town):
    week = client.get(URL, {"semaine": week_of(town)})
    assert titles(week) == ["Collecte de jouets", "Repair café", "Atelier vélo", "Paniers anti-gaspi"]
    [first_day, *_] = week.context["days"]
    assert first_day[0] == town, "an initiative running since before the week shows on its Monday"
    later = client.get(URL, {"semaine": week_of(town + dt.timedelta(days=21))})
    assert titles(later) == []


def test_an_initiative_shows_its_shop_period_and_partner(client):
    partner = AssociationFactory(name="Secours populaire")
    InitiativeFactory(
        title="Collecte de fournitures",
        starts_on=days(3),
        ends_on=days(9),
        association=partner,
        shop=ShopFactory(name="Librairie du Port", quartier=quartier("trentemoult-les-isles")),
    )
    InitiativeFactory(title="Repair café", starts_on=days(4), ends_on=days(4))
    html = client.get(URL).content.decode()
    for text in ("Collecte de fournitures", "Librairie du Port", "Trentemoult", "Secours populaire", "Initiative d"):
        assert text in html
    assert "Toute la journée" in html and f"Du {days(3).day} " in html


def test_the_filters_that_apply_to_initiatives(client):
    ActionFactory(title="Tournoi", quartier=quartier("ragon")).tags.set(["sport"])
    InitiativeFactory(
        title="Épicerie : paniers suspendus", starts_on=days(2), shop=ShopFactory(quartier=quartier("ragon"))
    )
    InitiativeFactory(title="Repair café", starts_on=days(3), shop=ShopFactory(quartier=quartier("la-houssais")))
    assert titles(client.get(URL, {"quartier": "ragon"})) == ["Épicerie : paniers suspendus", "Tournoi"]
    assert titles(client.get(URL, {"q": "epicerie PANIERS"})) == ["Épicerie : paniers suspendus"]
    # Themes are tags of actions: a theme leaves the shops' initiatives out.
    assert titles(client.get(URL, {"theme": "sport"})) == ["Tournoi"]
    assert titles(client.get(URL, {"source": "commerces"})) == ["Épicerie : paniers suspendus", "Repair café"]
    assert titles(client.get(URL, {"source": "associations"})) == ["Tournoi"]
    assert titles(client.get(URL, {"source": "n'importe quoi"})) == [
        "Épicerie : paniers suspendus",
        "Repair café",
        "Tournoi",
    ]


def add_actions_and_initiatives(n):
    for i in range(n):
        ActionFactory(quartier=quartier("ragon")).tags.set([f"t{i}", "commun"])
        InitiativeFactory(starts_on=days(1 + i % 20), association=AssociationFactory())


def test_the_agenda_with_initiatives_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    add_actions_and_initiatives(2)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    add_actions_and_initiatives(30)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    shown = response.context["page"].object_list
    assert len(shown) == 30 and {type(entry).__name__ for entry in shown} == {"ActionEntry", "InitiativeEntry"}


def test_the_agenda_feeds_carry_the_initiatives(client):
    association = AssociationFactory(name="Chorale")
    ActionFactory(association=association, title="Répétition ouverte")
    InitiativeFactory(
        title="Repair café",
        description="<script>alert(1)</script> Apportez vos objets.",
        starts_on=days(4),
        shop=ShopFactory(name="Atelier Réparons"),
    )
    rss = client.get(reverse("directory:agenda_rss"))
    feed = ET.fromstring(rss.content)  # noqa: S314 - our own output
    items = {item.findtext("title"): item for item in feed.iter("item")}
    [initiative] = [item for title, item in items.items() if title.startswith("Repair café — Atelier Réparons")]
    assert any(title.startswith("Répétition ouverte") for title in items)
    # The description is HTML for feed readers: the shopkeeper's text arrives escaped, never as markup.
    assert "<script>" not in initiative.findtext("description")
    assert "&lt;script&gt;" in initiative.findtext("description")
    assert "/commerces/initiatives/" in initiative.findtext("link")
    atom = client.get(reverse("directory:agenda_atom")).content.decode()
    assert "Repair café — Atelier Réparons" in atom
    own = client.get(reverse("directory:association_rss", args=[association.slug])).content.decode()
    assert "Répétition ouverte" in own and "Repair café" not in own


def test_the_icalendar_feed_has_initiatives_as_all_day_events(client):
    InitiativeFactory(title="Repair café", starts_on=days(4), ends_on=days(5), shop=ShopFactory(name="Atelier"))
    InitiativeFactory(title="Paniers", starts_on=days(6))
    cal = icalendar.Calendar.from_ical(client.get(reverse("directory:agenda_ics")).content)
    events = {str(event["SUMMARY"]): event for event in cal.walk("VEVENT")}
    repair = events["Repair café — Atelier"]
    assert repair["DTSTART"].params["VALUE"] == "DATE"
    assert (repair.decoded("DTSTART"), repair.decoded("DTEND")) == (days(4), days(6)), "DTEND is exclusive"
    assert str(repair["UID"]).startswith("initiative-") and "Atelier" in str(repair["LOCATION"])
    paniers = next(event for summary, event in events.items() if summary.startswith("Paniers"))
    assert (paniers.decoded("DTSTART"), paniers.decoded("DTEND")) == (days(6), days(7))


@pytest.mark.parametrize("name", ["directory:agenda_rss", "directory:agenda_atom", "directory:agenda_ics"])
def test_the_feeds_run_a_constant_number_of_queries(client, django_assert_num_queries, name):
    add_actions_and_initiatives(2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(name))
    add_actions_and_initiatives(20)
    with django_assert_num_queries(len(few.captured_queries)):
        body = client.get(reverse(name)).content.decode()
    assert body.count("/commerces/initiatives/") >= 22
