"""An association publishes an action looking for volunteers; a neighbour comes to help.

The manager publishes from the association's page; a neighbour finds the action in the agenda and
says "je donne un coup de main"; the manager is told (live when JavaScript runs) and sees the
neighbour in the list of participants; the action is an event of the agenda's iCalendar feed.
The same journey works without JavaScript.
"""

import datetime as dt
import re
import uuid
from zoneinfo import ZoneInfo

import icalendar
import pytest

from tests.e2e.helpers import sign_in

PASSWORD = "coup-de-main-mot-de-passe-2026"
PARIS = ZoneInfo("Europe/Paris")


def _text(locator) -> str:
    return " ".join(locator.inner_text().split())


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_manager_publishes_an_action_and_a_neighbour_comes_to_help(browsers, live_site, javascript):
    manager_account = live_site.accounts["association manager"]
    suffix = uuid.uuid4().hex[:6]
    title = f"Atelier réparation de vélos {suffix}"
    neighbour_name = f"Yasmine{suffix}"
    neighbour_email = f"yasmine-{suffix}@exemple.fr"
    live_site.remote("new_neighbour", email=neighbour_email, password=PASSWORD, name=neighbour_name)
    starts = dt.datetime.combine(dt.date.today() + dt.timedelta(days=4), dt.time(14, 30))
    manager = browsers.page(javascript=javascript)
    neighbour = browsers.page(javascript=javascript)
    sign_in(manager, manager_account["email"], manager_account["password"])
    sign_in(neighbour, neighbour_email, PASSWORD)

    # The manager publishes from the association's page.
    manager.goto("/associations/repair-cafe-de-la-blordiere/")
    manager.get_by_role("link", name="Publier une action").click()
    manager.get_by_label("Titre").fill(title)
    manager.get_by_label(re.compile(r"^Type\s*:?$")).select_option(label="atelier")
    manager.get_by_label("Description").fill("Apportez votre vélo : on répare ensemble freins, chaînes et crevaisons.")
    manager.get_by_label("Début").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    manager.get_by_label(re.compile(r"^Fin\s*:?$")).fill((starts + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    manager.get_by_label("Lieu").fill("Local du Repair café")
    manager.get_by_label("Adresse").fill("3 rue de la Blordière")
    manager.get_by_label("Cherche des bénévoles").check()
    manager.get_by_label("Nombre de bénévoles cherchés").fill("3")
    with manager.expect_navigation():
        manager.get_by_role("button", name="Publier").click()
    assert manager.get_by_text("L'action est publiée dans l'agenda.").is_visible()
    assert manager.get_by_role("heading", level=1).inner_text() == title
    assert "Bénévoles 3 bénévoles cherchés — 0 " in _text(manager.locator(".details-list"))
    assert manager.get_by_text("Personne ne s'est encore inscrit.").is_visible()
    action_url = manager.url

    # A neighbour finds it in the agenda.
    neighbour.get_by_role("link", name="Agenda", exact=True).click()
    neighbour.get_by_label(re.compile(r"^Rechercher\s*:?$")).fill(f"vélos {suffix}")
    with neighbour.expect_navigation():
        neighbour.get_by_role("button", name="Filtrer").click()
    card = neighbour.locator("li.card", has_text=title)
    assert card.count() == 1
    assert "Cherche des bénévoles" in card.inner_text()
    assert "Repair café de la Blordière" in card.inner_text()
    assert "14 h 30" in _text(card)
    card.get_by_role("link", name=title).click()
    assert neighbour.url == action_url

    if javascript:
        manager.evaluate("window.__sameDocument = true")
        manager.wait_for_timeout(500)  # the socket has joined the manager's group
        unread = manager.locator("[data-unread-count]").inner_text().strip()
    with neighbour.expect_navigation():
        neighbour.get_by_role("button", name="Je donne un coup de main").click()
    assert neighbour.get_by_text("C'est noté, merci !").is_visible()
    assert neighbour.get_by_role("button", name="Je ne peux plus aider").is_visible()
    assert neighbour.get_by_role("heading", name="Qui vient, qui aide").count() == 0  # the list is the managers'

    # The manager is told, and sees the neighbour among the participants.
    if javascript:
        manager.wait_for_function(
            "(before) => document.querySelector('[data-unread-count]').textContent.trim() !== before", arg=unread
        )
        manager.wait_for_function(
            "(name) => document.getElementById('live-region').textContent.includes(name)", arg=neighbour_name
        )
        assert "donne un coup de main" in manager.locator("#live-region").inner_text()
        assert manager.evaluate("window.__sameDocument") is True
    manager.reload()
    assert "3 bénévoles cherchés — 1 s'est proposé" in _text(manager.locator(".details-list"))
    row = manager.get_by_role("row", name=neighbour_name)
    assert "je donne un coup de main" in row.inner_text()

    # The action is an event of the agenda's iCalendar feed, at the time the manager chose.
    neighbour.goto("/agenda/")
    feed_url = neighbour.get_by_role("link", name="Agenda (iCalendar)").get_attribute("href")
    response = neighbour.request.get(feed_url)
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    events = [e for e in icalendar.Calendar.from_ical(response.body()).walk("VEVENT") if e["summary"] == title]
    assert len(events) == 1
    event = events[0]
    assert event.decoded("dtstart") == starts.replace(tzinfo=PARIS)
    assert event.decoded("dtend") == (starts + dt.timedelta(hours=3)).replace(tzinfo=PARIS)
    assert str(event["location"]) == "Local du Repair café, 3 rue de la Blordière"
    assert str(event["url"]).endswith(action_url.removeprefix(live_site.url))
