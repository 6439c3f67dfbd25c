"""Issue 16, a resident alone up to sharing: she estimates her rights, saves the estimate, books the
permanence the result page points to, and shares the estimate with that appointment (her consent
ticked). The agent of the permanence sees it on the appointment in the day list and opens it; she
withdraws the share and the agent no longer can. With and without JavaScript, axe on every page."""

import re

import pytest

from tests.e2e.helpers import axe_violations, sign_in

PASSWORD = "estimation-partagee-2026"
ESTIMATE = "/acces-aux-droits/estimer-mes-droits/"


def _axe(page, javascript):
    """axe runs as a script in the page: checked in the JavaScript variant (the same HTML without it)."""
    if javascript:
        assert axe_violations(page) == []


def _click(page, locator):
    with page.expect_navigation():
        locator.click()


def _continue(page):
    _click(page, page.get_by_role("button", name="Continuer"))


def _estimate(page, javascript):
    page.goto(ESTIMATE)
    _axe(page, javascript)
    page.get_by_role("link", name="Commencer").click()
    page.get_by_label("Non, je vis seul·e (avec ou sans enfants)").check()
    page.get_by_label("Combien d'enfants à votre charge vivent avec vous ?").fill("0")
    _axe(page, javascript)
    _continue(page)
    page.get_by_label("Vous : âge").fill("45")
    page.get_by_label("Vous : activité").select_option(label="Sans activité")
    _axe(page, javascript)
    _continue(page)
    _axe(page, javascript)
    _continue(page)  # no resources
    page.get_by_label("Locataire d'un logement social (HLM)").check()
    page.get_by_label(re.compile(r"^Loyer")).fill("400")
    _axe(page, javascript)
    _continue(page)
    _axe(page, javascript)
    page.get_by_role("button", name="Calculer l'estimation").click()
    page.wait_for_url(re.compile(r"/resultat/$"), timeout=120_000)  # the computing page refreshes itself
    assert page.get_by_role("heading", name="Revenu de solidarité active (RSA)").is_visible()
    _axe(page, javascript)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_resident_shares_her_estimate_with_the_agent_of_her_appointment(browsers, live_site, javascript):
    variant = "js" if javascript else "nojs"
    email, name = f"partage-{variant}@exemple.fr", f"Sylvie Partage {variant}"
    live_site.remote("new_neighbour", email=email, password=PASSWORD, name=name)
    page = browsers.page(javascript=javascript)
    sign_in(page, email, PASSWORD)
    _estimate(page, javascript)

    _click(page, page.get_by_role("button", name="Enregistrer cette estimation dans mon compte"))
    assert re.search(r"/mes-estimations/\d+/$", page.url), page.url
    saved_url = page.url
    assert page.get_by_text("Aucun rendez-vous à venir avec qui la partager.").is_visible()
    _axe(page, javascript)

    page.goto(ESTIMATE + "resultat/")  # the result stays for this visit
    _click(page, page.get_by_role("link", name="Se faire aider : Permanence accès aux droits du CCAS").first)
    _axe(page, javascript)
    _click(page, page.locator("main .slot-free a").first)
    page.get_by_label("Thème du rendez-vous").select_option(index=1)
    _click(page, page.get_by_role("button", name="Réserver ce créneau"))
    assert re.search(r"/rendez-vous/\d+/$", page.url), page.url
    appointment_path = page.url.removeprefix(live_site.url)
    _axe(page, javascript)

    page.goto(saved_url)
    page.get_by_label("Rendez-vous", exact=True).select_option(index=0)
    assert "Permanence accès aux droits du CCAS" in page.get_by_label("Rendez-vous", exact=True).inner_text()
    page.get_by_label(re.compile("La personne concernée est d'accord")).check()
    _axe(page, javascript)
    _click(page, page.get_by_role("button", name="Partager cette estimation"))
    assert "Partagée avec : Permanence accès aux droits du CCAS" in page.locator("main").inner_text()
    _axe(page, javascript)

    agent_account = live_site.accounts["city staff"]
    agent = browsers.page(javascript=javascript)
    sign_in(agent, agent_account["email"], agent_account["password"])
    agent.goto(appointment_path)
    _click(agent, agent.get_by_role("link", name="Rendez-vous du jour"))
    row = agent.locator("#agent-day tbody tr", has_text=name)
    assert row.count() == 1
    _axe(agent, javascript)
    _click(agent, row.get_by_role("link", name=re.compile("^Estimation des droits partagée")))
    shared_url = agent.url
    assert re.search(r"/partagee/\d+/$", shared_url), shared_url
    assert "Revenu de solidarité active (RSA)" in agent.locator("main").inner_text()
    _axe(agent, javascript)

    _click(page, page.get_by_role("button", name="Retirer ce partage"))
    assert "Partagée avec" not in page.locator("main").inner_text()
    _axe(page, javascript)

    assert agent.goto(shared_url).status == 404
    agent.goto(appointment_path)
    _click(agent, agent.get_by_role("link", name="Rendez-vous du jour"))
    row = agent.locator("#agent-day tbody tr", has_text=name)
    assert row.count() == 1 and row.get_by_role("link", name=re.compile("^Estimation des droits")).count() == 0
