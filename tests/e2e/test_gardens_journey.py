"""Shared gardens in a real browser, with and without JavaScript, no axe violation on their pages: a
gardener joins a waiting list; the garden's manager frees a plot, which is offered to the gardener (first
in turn); the gardener accepts it. A follower of an orchard is told « les pommes sont mûres… »."""

import re

import pytest

from tests.e2e.helpers import axe_violations, sign_in

GARDEN = "jardins-familiaux-de-la-jaguere"  # all plots allocated, nobody waiting in the demo
ORCHARD = "verger-de-la-houssais"
PASSWORD = "motdepasse-jardin-42"


def _clean(page, javascript=True):
    if javascript:  # axe-core runs as a script: with JavaScript off the HTML is the same
        assert axe_violations(page) == [], page.url


def _neighbour(browsers, live_site, javascript, who):
    email = f"{who}-{'js' if javascript else 'nojs'}@exemple.fr"
    live_site.remote("new_neighbour", email=email, password=PASSWORD, name=f"{who.capitalize()} Test")
    page = browsers.page(javascript=javascript)
    sign_in(page, email, PASSWORD)
    return page


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_gardener_joins_a_list_gets_a_freed_plot_and_accepts_it(browsers, live_site, javascript):
    gardener = _neighbour(browsers, live_site, javascript, "jardiniere")
    gardener.goto("/jardins/")
    _clean(gardener, javascript)
    gardener.get_by_role("link", name="Jardins familiaux de la Jaguère").click()
    _clean(gardener, javascript)
    gardener.get_by_role("link", name="M'inscrire sur la liste d'attente").click()
    _clean(gardener, javascript)
    gardener.get_by_label("Votre quartier").select_option(label="Ragon")
    gardener.get_by_label(re.compile("^J'accepte les règles")).check()
    with gardener.expect_navigation():
        gardener.get_by_role("button", name="M'inscrire").click()
    assert "Inscription enregistrée" in gardener.content()
    _clean(gardener, javascript)

    manager = browsers.page(javascript=javascript)
    account = live_site.accounts["jardins@solidarite.test"]
    sign_in(manager, account["email"], account["password"])
    manager.goto(f"/jardins/{GARDEN}/gestion/")
    _clean(manager, javascript)
    assert "Jardiniere Test" in manager.locator("main ol").inner_text()
    with manager.expect_navigation():
        manager.get_by_role("button", name=re.compile("^Libérer et proposer")).first.click()
    assert "proposée à la personne suivante" in manager.content()
    _clean(manager, javascript)

    gardener.goto("/jardins/mes-demandes/")
    assert "vous est proposée" in gardener.content()
    _clean(gardener, javascript)
    with gardener.expect_navigation():
        gardener.get_by_role("button", name="Accepter la parcelle").click()
    assert "est à vous pour la saison" in gardener.content()
    assert gardener.get_by_role("heading", name="Mes parcelles").count() == 1
    assert "convention à signer" in gardener.locator("main").inner_text()
    _clean(gardener, javascript)


@pytest.mark.parametrize(("javascript", "fruit"), [(True, "pommes"), (False, "poires")], ids=["js", "no-js"])
def test_a_follower_is_told_the_fruit_is_ripe(browsers, live_site, javascript, fruit):
    follower = _neighbour(browsers, live_site, javascript, "cueilleur")
    follower.goto(f"/jardins/vergers/{ORCHARD}/")
    _clean(follower, javascript)
    with follower.expect_navigation():
        follower.get_by_role("button", name="Être prévenu·e quand les fruits sont mûrs").click()
    assert "Ne plus suivre ce verger" in follower.content()

    staff = browsers.page(javascript=javascript)
    account = live_site.accounts["agent@solidarite.test"]
    sign_in(staff, account["email"], account["password"])
    staff.goto(f"/jardins/vergers/{ORCHARD}/")
    _clean(staff, javascript)
    staff.get_by_label("Quels fruits sont mûrs ?").select_option(value=fruit)
    with staff.expect_navigation():
        staff.get_by_role("button", name="Annoncer que c'est mûr").click()
    assert "Annonce envoyée" in staff.content()

    title = f"Les {fruit} sont mûres au Verger de la Houssais"
    follower.goto("/notifications/")
    assert title in follower.locator("main").inner_text()
    _clean(follower, javascript)
