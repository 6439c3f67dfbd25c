"""Digital equipment in a real browser, with and without JavaScript, no axe violation on its pages: a senior
asks for a tablet; a refurbisher lists a batch; the rules give the new tablet to the senior, who is told
and books the handover slot; a staff member sees the queue and records the handover."""

import re

import pytest

from tests.e2e.helpers import axe_violations, sign_in


def _clean(page, javascript=True):
    # axe-core runs as a script in the page: with JavaScript off it cannot, and the HTML is the same.
    if javascript:
        assert axe_violations(page) == [], page.url


def _signed_in(browsers, live_site, key, javascript):
    page = browsers.page(javascript=javascript)
    account = live_site.accounts[key]
    sign_in(page, account["email"], account["password"])
    return page


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_senior_gets_a_tablet_from_a_refurbishers_batch(browsers, live_site, javascript):
    senior = _signed_in(browsers, live_site, "voisin@solidarite.test", javascript)
    senior.goto("/equipement/")
    _clean(senior, javascript)
    with senior.expect_navigation():
        senior.get_by_role("link", name="Faire une demande").click()
    _clean(senior, javascript)
    senior.get_by_label("personne de 60 ans ou plus vivant seule").check()
    senior.get_by_label("une tablette", exact=True).check()
    senior.get_by_label("Adresse du foyer").fill(f"40 rue de la Commune, appartement {'1' if javascript else '2'}")
    with senior.expect_navigation():
        senior.get_by_role("button", name="Envoyer ma demande").click()
    assert "en attente" in senior.content()
    request_url = senior.url
    _clean(senior, javascript)

    refurbisher = _signed_in(browsers, live_site, "reconditionneur@solidarite.test", javascript)
    refurbisher.goto("/equipement/lots/")
    _clean(refurbisher, javascript)
    refurbisher.get_by_label("Lieu de remise").select_option(label="Espace numérique — aide aux démarches en ligne")
    reference = "E2E-JS" if javascript else "E2E-NOJS"
    refurbisher.get_by_label("Appareils, un par ligne").fill(f"tablette ; 10 pouces, 64 Go ; a ; {reference}")
    with refurbisher.expect_navigation():
        refurbisher.get_by_role("button", name="Déposer le lot").click()
    assert "Le lot est déposé : 1 appareils." in refurbisher.content()
    assert refurbisher.locator("li", has_text=reference).filter(has_text="réservé pour un foyer").count() == 1

    senior.goto("/notifications/")
    assert "Un appareil vous attend" in senior.content()
    senior.goto(request_url)
    assert "appareil proposé" in senior.content()
    _clean(senior, javascript)
    senior.locator("input[name=start]").first.check()
    with senior.expect_navigation():
        senior.get_by_role("button", name="Réserver ce créneau").click()
    assert "Remise prévue le" in senior.content()
    _clean(senior, javascript)

    staff = _signed_in(browsers, live_site, "agent@solidarite.test", javascript)
    staff.goto("/equipement/suivi/")
    _clean(staff, javascript)
    staff.goto(request_url)
    _clean(staff, javascript)
    with staff.expect_navigation():
        staff.get_by_role("button", name="L'appareil est remis").click()
    assert re.search("appareil remis", staff.content())
