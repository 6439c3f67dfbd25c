"""A visitor looks for free wifi and printing near them, in a real browser, with and without JavaScript,
no axe violation: they find the place nearest the quartier they chose, its hours in words and the next
digital-help permanence with its booking link; the map shows the same places."""

import re

import pytest

from tests.e2e.helpers import axe_violations


def _clean(page, javascript=True):
    # axe-core runs as a script in the page: with JavaScript off it cannot, and the HTML is the same.
    if javascript:
        assert axe_violations(page) == [], page.url


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_visitor_finds_free_wifi_and_printing_near_them(browsers, live_site, javascript):
    page = browsers.page(javascript=javascript)  # nobody signed in
    page.goto("/")
    with page.expect_navigation():
        page.get_by_role("link", name="Aide au numérique").first.click()
    _clean(page, javascript)
    page.get_by_label("Wifi gratuit").check()
    page.get_by_label("Impression et scan").check()
    page.get_by_label("Près du quartier").select_option(value="reze-hotel-de-ville")
    with page.expect_navigation():
        page.get_by_role("button", name="Chercher").click()
    _clean(page, javascript)
    heading = page.locator("h2#resultats").inner_text()
    assert "du plus proche au plus loin du centre du quartier" in heading
    names = page.locator(".digital-places h3").all_inner_texts()
    assert names[0] == "Espace numérique — aide aux démarches en ligne", names
    assert "CCAS — centre communal d'action sociale" not in names  # printing, but no wifi
    assert "Le Café des Isles" not in names  # wifi, but no printing

    with page.expect_navigation():
        page.get_by_role("link", name=names[0]).click()
    _clean(page, javascript)
    hours = page.locator("table.hours-week").first.inner_text()
    assert "14 h" in hours and "Tu,Th" not in page.content()
    assert "Prochain créneau libre" in page.content()
    book = page.get_by_role("link", name="Réserver ce créneau").first
    assert re.search(
        r"/acces-aux-droits/permanences/conseiller-numerique-mediatheque/reserver/\?debut=", book.get_attribute("href")
    )
    assert "habilité Aidants Connect" in page.content()

    page.goto("/numerique/carte/?service=free_wifi&service=printing&quartier=reze-hotel-de-ville")
    _clean(page, javascript)
    assert page.get_by_role("link", name="Espace numérique — aide aux démarches en ligne").count() == 1
    if javascript:
        page.locator(".leaflet-marker-icon").first.wait_for()
        assert page.locator(".leaflet-marker-icon").count() >= 1
