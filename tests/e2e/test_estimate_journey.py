"""A resident estimates their rights, from the guide to a permanence, with and without JavaScript.

The live server computes in its own worker process (it loads OpenFisca-France on the first estimate);
the computing page refreshes itself until the result is there. axe checks each page on the way.
"""

import re

import pytest

from tests.e2e.helpers import axe_violations


def _axe(page, javascript):
    """axe runs as a script in the page: checked in the JavaScript variant (the same HTML without it)."""
    if javascript:
        assert axe_violations(page) == []


def _continue(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Continuer").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_resident_goes_from_the_guide_to_an_estimate_and_a_permanence(browsers, live_site, javascript):
    page = browsers.page(javascript=javascript)
    page.goto("/acces-aux-droits/")
    page.get_by_role("link", name="Estimer mes droits en quelques minutes").click()
    _axe(page, javascript)
    page.get_by_role("link", name="Commencer").click()

    page.get_by_label("Non, je vis seul·e (avec ou sans enfants)").check()
    page.get_by_label("Combien d'enfants à votre charge vivent avec vous ?").fill("2")
    _axe(page, javascript)
    _continue(page)

    page.get_by_label("Vous : âge").fill("34")
    page.get_by_label("Vous : activité").select_option(label="Salarié·e (y compris intérim, apprentissage)")
    page.get_by_label("Enfant 1 : âge").fill("7")
    page.get_by_label("Enfant 2 : âge").fill("12")
    _axe(page, javascript)
    _continue(page)

    page.get_by_label("Vous — Salaires (net reçu), total des 3 derniers mois (€)").fill("1800")
    page.get_by_label("Vous — Salaires (net reçu), total des 12 derniers mois (€)").fill("7200")
    _axe(page, javascript)
    with page.expect_navigation():
        page.get_by_role("button", name="Précédent").click()  # back: the people are still there
    assert page.get_by_label("Enfant 2 : âge").input_value() == "12"
    _continue(page)
    assert float(page.get_by_label("Vous — Salaires (net reçu), total des 3 derniers mois (€)").input_value()) == 1800
    _continue(page)

    page.get_by_label("Locataire d'un logement social (HLM)").check()
    page.get_by_label(re.compile(r"^Loyer")).fill("450")
    _continue(page)
    assert "Étape 5 sur 5" in page.content()
    page.get_by_role("button", name="Calculer l'estimation").click()

    page.wait_for_url(re.compile(r"/resultat/$"), timeout=120_000)  # the computing page refreshes itself
    assert page.get_by_text("C'est une estimation, pas une décision.").is_visible()
    assert page.get_by_role("heading", name="Prime d'activité").is_visible()
    assert page.get_by_role("heading", name=re.compile("Aide au logement")).is_visible()
    _axe(page, javascript)
    page.get_by_role("link", name=re.compile("^Comment demander : ")).first.click()
    assert "/acces-aux-droits/aides/" in page.url
