"""The épicerie sociale in a real browser, with and without JavaScript, no axe violation on its pages:
a prescriber orients a household and reads its code once; the household books a slot with that code
alone (no account) and prepares a basket (an allergy only with its consent); the till volunteer types
the code, sees the right and what is left, records the visit; a shopkeeper offers surplus and the
épicerie's manager accepts it."""

import datetime as dt
import re

import pytest

from tests.e2e.helpers import axe_violations, sign_in

SLUG = "epicerie-solidaire-du-ccas"


def _account(live_site, email):
    return live_site.accounts[email]


def _clean(page, javascript=True):
    # axe-core runs as a script in the page: with JavaScript off it cannot, and the HTML is the same.
    if javascript:
        assert axe_violations(page) == [], page.url


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_orientation_code_slot_and_till(browsers, live_site, javascript):
    prescriber = browsers.page(javascript=javascript)
    account = _account(live_site, "prescriptrice@solidarite.test")
    sign_in(prescriber, account["email"], account["password"])
    prescriber.goto("/epicerie/orientations/nouvelle/")
    _clean(prescriber, javascript)
    today = dt.date.today()
    prescriber.get_by_label("Épicerie").select_option(index=1)
    prescriber.get_by_label("Taille du foyer").select_option(value="3-4")
    prescriber.get_by_label("Début du droit").fill(today.isoformat())
    prescriber.get_by_label("Fin du droit").fill((today + dt.timedelta(days=90)).isoformat())
    prescriber.get_by_label("Montant mensuel accordé").fill("40")
    with prescriber.expect_navigation():
        prescriber.locator("main form button[type=submit]").click()
    code = re.search(r"[0-9A-Z]{5}-[0-9A-Z]{5}", prescriber.locator(".access-code").inner_text()).group(0)
    _clean(prescriber, javascript)

    household = browsers.page(javascript=javascript)  # nobody signed in
    household.goto("/epicerie/")
    _clean(household, javascript)
    household.goto(f"/epicerie/{SLUG}/")
    _clean(household, javascript)
    household.goto("/epicerie/acces/")
    _clean(household, javascript)
    household.get_by_label("Code d'accès").fill(code.lower())
    with household.expect_navigation():
        household.get_by_role("button", name="Entrer").click()
    assert "Droit valable jusqu" in household.content()
    assert "40,00" in household.content()
    _clean(household, javascript)
    with household.expect_navigation():
        household.get_by_role("button", name=re.compile("^Réserver")).first.click()
    assert household.get_by_role("button", name="Annuler ce créneau").count() == 1
    # A basket for the slot, from what is in stock; an allergy only with the household's consent.
    household.get_by_label("hygiène et entretien").check()
    household.locator("summary", has_text="Allergies à éviter").click()  # <details>: HTML, no script
    household.get_by_label("arachides (cacahuètes)").check()
    with household.expect_navigation():
        household.get_by_role("button", name="Enregistrer mon panier").click()
    assert "Cochez la case d'accord" in household.content()
    household.get_by_label("hygiène et entretien").check()
    household.locator("summary", has_text="Allergies à éviter").click()  # <details>: HTML, no script
    household.get_by_label("arachides (cacahuètes)").check()
    household.get_by_label("J'accepte que l'épicerie connaisse ces allergies").check()
    with household.expect_navigation():
        household.get_by_role("button", name="Enregistrer mon panier").click()
    assert "Panier demandé : hygiène et entretien. Sans : arachides (cacahuètes)." in household.content()
    _clean(household, javascript)

    till = browsers.page(javascript=javascript)
    account = _account(live_site, "caisse@solidarite.test")
    sign_in(till, account["email"], account["password"])
    till.goto(f"/epicerie/{SLUG}/caisse/")
    till.get_by_label("Code d'accès").fill(code)
    with till.expect_navigation():
        till.get_by_role("button", name="Voir le droit").click()
    assert "Droit valable jusqu" in till.content() and "40,00" in till.content()
    _clean(till, javascript)
    till.get_by_label("Montant du passage").fill("12,50")
    with till.expect_navigation():
        till.get_by_role("button", name="Enregistrer le passage").click()
    assert "Reste ce mois-ci : 27,50" in till.content()
    _clean(till, javascript)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_shop_offers_surplus_and_the_manager_accepts(browsers, live_site, javascript):
    shop = browsers.page(javascript=javascript)
    account = _account(live_site, "shopkeeper")
    sign_in(shop, account["email"], account["password"])
    shop.goto("/epicerie/invendus/proposer/")
    _clean(shop, javascript)
    what = f"Pains de la veille ({'js' if javascript else 'sans js'})"
    shop.get_by_label("Commerce").select_option(index=1)
    shop.get_by_label("Catégorie").select_option(value="pain")
    shop.get_by_label("Quoi").fill(what)
    shop.get_by_label("Poids (kg)").fill("5")
    until = dt.datetime.now() + dt.timedelta(days=6)
    shop.get_by_label("À récupérer avant le").fill(until.strftime("%Y-%m-%dT%H:%M"))
    with shop.expect_navigation():
        shop.locator("main form button[type=submit]").click()
    assert "1 épicerie(s) prévenue(s)" in shop.content(), shop.locator("main").inner_text()

    manager = browsers.page(javascript=javascript)
    account = _account(live_site, "epicerie@solidarite.test")
    sign_in(manager, account["email"], account["password"])
    manager.goto("/epicerie/invendus/")
    _clean(manager, javascript)
    item = manager.locator("li", has_text=what)
    with manager.expect_navigation():
        item.get_by_role("button", name=re.compile("^Accepter")).click()
    shop.goto("/epicerie/invendus/")
    assert shop.locator("li", has_text=what).filter(has_text="accepté").count() == 1
