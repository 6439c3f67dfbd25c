"""A mediator, on the phone with a resident who has no account, records a mandate, books her a slot at
the CCAS permanence (issue 15), estimates her rights, keeps the estimate on the mandate and shares it with
the agent of that appointment (issue 16), and prints the list of what was done in her name, with and
without JavaScript, with no axe violation on the pages of the journey."""

import re

import pytest

from tests.e2e.helpers import axe_violations, sign_in


def no_axe_violations(page, javascript: bool) -> bool:
    # axe runs as a script in the page: only where scripts run (the same pages are checked with them).
    return not javascript or axe_violations(page) == []


def _continue(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Continuer").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_mediator_records_a_mandate_on_the_phone_and_books_a_slot(browsers, live_site, javascript):
    account = live_site.accounts["mediatrice@solidarite.test"]
    resident = "Yvette Morin" if javascript else "Paulette Girard"
    page = browsers.page(javascript=javascript)
    sign_in(page, account["email"], account["password"])

    page.goto("/acces-aux-droits/mandats/nouveau/")
    assert no_axe_violations(page, javascript)
    page.get_by_label("Sinon : son nom").fill(resident)
    page.get_by_label("Et son téléphone").fill("06 12 34 56 78")
    page.get_by_label("prendre, déplacer et annuler des rendez-vous").check()
    page.get_by_label("faire une estimation de ses droits").check()
    page.get_by_label("3 mois").check()
    page.get_by_label("par téléphone").check()
    page.get_by_label(re.compile("J'ai expliqué à la personne")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer le mandat").click()
    assert re.search(r"/mandats/\d+/$", page.url)
    mandate_url = page.url
    assert page.get_by_role("heading", level=1).inner_text().startswith("Mandat n°")
    assert resident in page.locator("main").inner_text()
    assert no_axe_violations(page, javascript)

    page.goto("/acces-aux-droits/permanences/acces-aux-droits-ccas/")
    with page.expect_navigation():
        page.locator("main a[href*='/reserver/?debut=']").first.click()
    choice = page.locator("select[name=pour] option", has_text=f"{resident} — mandat n°")
    page.get_by_label("Pour qui ?").select_option(choice.get_attribute("value"))
    page.get_by_label("Thème du rendez-vous").select_option(index=1)
    assert no_axe_violations(page, javascript)
    with page.expect_navigation():
        page.get_by_role("button", name="Réserver ce créneau").click()
    assert re.search(r"/rendez-vous/\d+/$", page.url)
    body = page.locator("main").inner_text()
    assert "Pris sous le mandat" in body and resident in body

    # The estimate, filled with her on the phone, under the mandate.
    page.goto("/acces-aux-droits/estimer-mes-droits/")
    choice = page.locator("select[name=mandat] option", has_text=f"{resident} — mandat n°")
    page.get_by_label("Mandat", exact=True).select_option(choice.get_attribute("value"))
    assert no_axe_violations(page, javascript)
    with page.expect_navigation():
        page.get_by_role("button", name="Commencer pour cette personne").click()
    page.get_by_label("Non, je vis seul·e (avec ou sans enfants)").check()
    page.get_by_label("Combien d'enfants à votre charge vivent avec vous ?").fill("0")
    _continue(page)
    page.get_by_label("Vous : âge").fill("58")
    page.get_by_label("Vous : activité").select_option(label="Sans activité")
    _continue(page)
    _continue(page)  # no resources
    page.get_by_label("Locataire d'un logement social (HLM)").check()
    page.get_by_label(re.compile(r"^Loyer")).fill("420")
    _continue(page)
    page.get_by_role("button", name="Calculer l'estimation").click()
    page.wait_for_url(re.compile(r"/resultat/$"), timeout=120_000)  # the computing page refreshes itself
    assert f"Estimation faite pour {resident}, sous mandat." in page.locator("main").inner_text()
    assert no_axe_violations(page, javascript)
    with page.expect_navigation():
        page.get_by_role("button", name="Garder cette estimation sur le mandat").click()
    assert re.search(r"/estimer-mes-droits/mandat/\d+/$", page.url)
    assert "Revenu de solidarité active (RSA)" in page.locator("main").inner_text()
    page.get_by_label(re.compile("La personne concernée est d'accord")).check()
    assert no_axe_violations(page, javascript)
    with page.expect_navigation():
        page.get_by_role("button", name="Partager cette estimation").click()
    assert "Partagée avec : Permanence accès aux droits du CCAS" in page.locator("main").inner_text()

    page.goto(mandate_url + "imprimer/")
    printed = page.locator("main").inner_text()
    assert "estimation gardée sur le mandat" in printed
    assert "estimation partagée avec l'agent·e d'un rendez-vous" in printed
    assert "Rendez-vous pris" in printed and "Permanence accès aux droits du CCAS" in printed
    assert resident in printed and "Nadia" in printed
    assert no_axe_violations(page, javascript)
