"""Giveaways in a real browser, with and without JavaScript, no axe violation on their pages: a taker posts
a wish, a giver offers a matching object, the taker accepts it from their wish, and both then see the
pickup details (the place, the other's contacts); the giver records the weight at handover."""

import re

import pytest

from tests.e2e.helpers import axe_violations, sign_in


def _clean(page, javascript=True):
    # axe-core runs as a script in the page: with JavaScript off it cannot, and the HTML is the same.
    if javascript:
        assert axe_violations(page) == [], page.url


def _submit(page):
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").last.click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_giver_offers_a_taker_accepts_and_both_see_the_pickup_details(browsers, live_site, javascript):
    mark = "js" if javascript else "sans js"
    what = f"Chaise haute ({mark})"

    taker = browsers.page(javascript=javascript)
    account = live_site.accounts["voisin@solidarite.test"]
    sign_in(taker, account["email"], account["password"])
    taker.goto("/dons/")
    _clean(taker, javascript)
    taker.goto("/dons/chercher/")
    _clean(taker, javascript)
    taker.get_by_label("Que cherchez-vous ?").fill(f"Une chaise haute pour bébé ({mark})")
    taker.get_by_label("Catégorie").select_option(value="puericulture")
    taker.get_by_label("Quartier").select_option(label="Ragon")
    taker.get_by_label("Jusqu'à quelle distance (km) ?").fill("5")
    _submit(taker)
    assert "Je cherche" in taker.locator("h1").inner_text()
    wish_url = taker.url
    _clean(taker, javascript)

    giver = browsers.page(javascript=javascript)
    account = live_site.accounts["voisine@solidarite.test"]
    sign_in(giver, account["email"], account["password"])
    giver.goto("/dons/donner/")
    _clean(giver, javascript)
    giver.get_by_label("Quel objet donnez-vous ?").fill(what)
    giver.get_by_label("Catégorie").select_option(value="puericulture")
    giver.get_by_label("Description").fill("Chaise haute en bois, réglable, avec sa tablette.")
    giver.get_by_label("Quartier").select_option(label="Ragon")
    giver.get_by_label("Adresse et consignes de retrait").fill("7 allée des Tilleuls, sonner chez Jeanne")
    _submit(giver)
    assert what in giver.locator("h1").inner_text()
    assert re.search(r"[1-9]\d* personne\(s\)", giver.content()), giver.locator("main").inner_text()
    gift_url = giver.url
    _clean(giver, javascript)

    taker.goto(wish_url)
    card = taker.locator("li", has_text=what)
    assert "7 allée des Tilleuls" not in taker.content()
    with taker.expect_navigation():
        card.get_by_role("button", name="Je le prends").click()
    assert taker.url.endswith(gift_url.split("/dons", 1)[1])
    pickup = taker.locator("section.pickup")
    assert "7 allée des Tilleuls, sonner chez Jeanne" in pickup.inner_text()
    assert "Jeanne" in pickup.inner_text() and "06 12 34 56 78" in pickup.inner_text()
    _clean(taker, javascript)

    giver.goto(gift_url)
    pickup = giver.locator("section.pickup")
    assert "Karim" in pickup.inner_text()
    _clean(giver, javascript)
    giver.get_by_label("Poids de l'objet (kg)").fill("3,5")
    with giver.expect_navigation():
        giver.get_by_role("button", name="L'objet a été remis").click()
    assert "Remis : 3,5 kg" in giver.content()
    _clean(giver, javascript)
