"""Repair cafés in a real browser, with and without JavaScript, no axe violation on their pages: a volunteer
records an object brought to the next session, weighed, then its outcome and who repaired it; a resident
follows the repair café and gets their own calendar address, whose feed lists the upcoming sessions."""

import re
import uuid

import icalendar
import pytest

from tests.e2e.helpers import axe_violations, sign_in

CAFE = "Repair café de la Blordière"


def _clean(page, javascript=True):
    # axe-core runs as a script in the page: with JavaScript off it cannot, and the HTML is the same.
    if javascript:
        assert axe_violations(page) == [], page.url


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_volunteer_records_an_object_and_its_outcome(browsers, live_site, javascript):
    account = live_site.accounts["reparatrice@solidarite.test"]
    page = browsers.page(javascript=javascript)
    sign_in(page, account["email"], account["password"])
    page.goto("/repair-cafes/")
    _clean(page, javascript)
    with page.expect_navigation():
        page.get_by_role("link", name=CAFE).first.click()
    _clean(page, javascript)

    problem = f"Ne chauffe plus ({uuid.uuid4().hex[:6]})"
    form = page.locator("form", has=page.get_by_role("button", name="Noter l'objet"))
    form.get_by_label("Catégorie d'appareil").select_option(label="Bouilloire")
    form.get_by_label("La panne, en quelques mots").fill(problem)
    form.get_by_label("Poids (kg)").fill("1,4")
    with page.expect_navigation():
        form.get_by_role("button", name="Noter l'objet").click()
    assert "L'objet est noté." in page.content()
    _clean(page, javascript)

    item = page.locator("li", has_text=problem)
    assert "1.40 kg" in item.inner_text() or "1,40 kg" in item.inner_text()
    item.get_by_label("Réparé", exact=True).check()
    item.get_by_label("Awa (repair café)").check()
    with page.expect_navigation():
        item.get_by_role("button", name="Noter l'issue").click()
    item = page.locator("li", has_text=problem)
    assert "issue notée" in item.inner_text()
    assert "Awa (repair café)" in page.locator("main").inner_text()  # credited
    _clean(page, javascript)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_resident_follows_the_repair_cafe_and_gets_their_calendar(browsers, live_site, javascript):
    account = live_site.accounts["neighbour"]
    page = browsers.page(javascript=javascript)
    sign_in(page, account["email"], account["password"])
    page.goto("/repair-cafes/")
    _clean(page, javascript)
    follow = page.get_by_role("button", name=f"Suivre {CAFE}", exact=True)
    if follow.count():  # the other parameter's run may have followed already
        with page.expect_navigation():
            follow.click()
        assert "Vous suivez" in page.content()
    assert page.get_by_role("button", name=f"Ne plus suivre {CAFE}", exact=True).count() == 1

    with page.expect_navigation():
        page.get_by_role("link", name="Mes objets et mon calendrier").click()
    _clean(page, javascript)
    old = None
    create = page.get_by_role("button", name="Créer l'adresse de mon calendrier")
    if create.count():
        with page.expect_navigation():
            create.click()
    else:
        old = page.get_by_label("Adresse de mon calendrier").input_value()
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile("^Changer d'adresse")).click()
    _clean(page, javascript)
    url = page.get_by_label("Adresse de mon calendrier").input_value()
    assert url != old

    feed = page.request.get(url)
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")
    assert events and all(str(event["SUMMARY"]) == f"Repair café : {CAFE}" for event in events)
    if old:
        assert page.request.get(old).status == 404  # the old address no longer works
