"""A mediator, on the phone with a resident who has no account, records a mandate, books her a slot at
the CCAS permanence, and prints the list of what was done in her name (issue 15), with and without
JavaScript, with no axe violation on the pages of the journey."""

import re

import pytest

from tests.e2e.helpers import axe_violations, sign_in


def no_axe_violations(page, javascript: bool) -> bool:
    # axe runs as a script in the page: only where scripts run (the same pages are checked with them).
    return not javascript or axe_violations(page) == []


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

    page.goto(mandate_url + "imprimer/")
    printed = page.locator("main").inner_text()
    assert "Rendez-vous pris" in printed and "Permanence accès aux droits du CCAS" in printed
    assert resident in printed and "Nadia" in printed
    assert no_axe_violations(page, javascript)
