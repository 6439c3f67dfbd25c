"""Access to rights (issue 15) in a real browser, with and without JavaScript, axe on every page reached:
a resident goes from the guide of aids to a booked (then cancelled) slot at a permanence that helps with
the aid; a city editor updates an aid and the public page and its history follow; a resident on the
waiting list of a full permanence is offered the slot someone else frees, and takes it."""

import datetime as dt
import re

import pytest

from tests.e2e.helpers import axe_violations, sign_in

PASSWORD = "droits-en-direct-2026"
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def _axe(page, javascript):
    """axe runs as a script in the page: checked in the JavaScript variant (the same HTML without it)."""
    if javascript:
        assert axe_violations(page) == []


def _neighbour(live_site, email, name):
    live_site.remote("new_neighbour", email=email, password=PASSWORD, name=name)
    return email


def _click(page, locator):
    with page.expect_navigation():
        locator.click()


def _french(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_resident_goes_from_the_guide_to_a_booked_slot_and_cancels_it(browsers, live_site, javascript):
    variant = "js" if javascript else "nojs"
    email = _neighbour(live_site, f"guide-{variant}@exemple.fr", f"Odile Guide {variant}")
    page = browsers.page(javascript=javascript)
    sign_in(page, email, PASSWORD)

    page.goto("/acces-aux-droits/")
    _axe(page, javascript)
    page.get_by_role("textbox", name=re.compile("^Rechercher")).fill("LOGEMENT")  # case and accents do not count
    page.get_by_label("Thème").select_option("logement-hebergement")
    page.get_by_label("Pour qui").select_option("locataire")
    _click(page, page.locator("main form[role=search] button[type=submit]"))
    assert "theme=logement-hebergement" in page.url and "public=locataire" in page.url
    results = page.locator("main .aid-list")
    assert results.get_by_role("link", name="Aides au logement (APL, ALF, ALS)").is_visible()
    assert results.get_by_role("link", name="Allocation aux adultes handicapés (AAH)").count() == 0
    _axe(page, javascript)

    _click(page, results.get_by_role("link", name="Aides au logement (APL, ALF, ALS)"))
    assert page.get_by_role("heading", level=1).inner_text() == "Aides au logement (APL, ALF, ALS)"
    _axe(page, javascript)
    helpers = page.locator("section[aria-labelledby=aide-pres]")
    _click(page, helpers.get_by_role("link", name="CCAS — centre communal d'action sociale"))
    _axe(page, javascript)
    _click(page, page.get_by_role("link", name="Permanence accès aux droits du CCAS"))
    _axe(page, javascript)

    slot = page.locator("main .slot-free a").first
    _click(page, slot)
    page.get_by_label("Thème du rendez-vous").select_option(index=1)
    _axe(page, javascript)
    _click(page, page.get_by_role("button", name="Réserver ce créneau"))
    assert re.search(r"/rendez-vous/\d+/$", page.url), page.url
    when = page.locator("main dl dd").first.inner_text()
    _axe(page, javascript)

    page.goto("/acces-aux-droits/rendez-vous/")
    upcoming = page.locator("section[aria-labelledby=a-venir]")
    booked = upcoming.get_by_role("link", name=re.compile("Permanence accès aux droits du CCAS"))
    assert booked.count() == 1
    _axe(page, javascript)
    _click(page, booked)
    assert page.locator("main dl dd").first.inner_text() == when
    _click(page, page.get_by_role("button", name="Annuler le rendez-vous"))
    page.goto("/acces-aux-droits/rendez-vous/")
    assert page.locator("section[aria-labelledby=a-venir]").get_by_text("Aucun rendez-vous à venir.").is_visible()
    past = page.locator("section[aria-labelledby=passes]").inner_text()
    assert "Permanence accès aux droits du CCAS" in past and "annulé" in past
    _axe(page, javascript)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_city_editor_updates_an_aid_and_its_page_and_history_follow(browsers, live_site, javascript):
    variant = "js" if javascript else "nojs"
    aid = "cheque-energie" if javascript else "allocation-de-rentree-scolaire"
    reviewer = f"Léa Relectrice {variant}"
    live_site.remote(
        "new_neighbour", email=f"relectrice-{variant}@exemple.fr", password=PASSWORD, name=reviewer, staff=True
    )
    editor = live_site.accounts["city staff"]
    page = browsers.page(javascript=javascript)
    sign_in(page, editor["email"], editor["password"])

    page.goto(f"/acces-aux-droits/aides/{aid}/")
    _axe(page, javascript)
    _click(page, page.get_by_role("link", name="Modifier la fiche"))
    _axe(page, javascript)
    summary = f"Une aide versée chaque année. Relu par l'équipe ({variant})."
    page.get_by_label("En quelques mots").fill(summary)
    reviewer_choice = page.locator("select[name=reviewer] option", has_text=reviewer)
    page.get_by_label("Agent·e qui relit la fiche").select_option(reviewer_choice.get_attribute("value"))
    checked = dt.date.fromisoformat(page.get_by_label("Informations vérifiées le").input_value())
    next_review = checked + dt.timedelta(days=120)
    page.get_by_label("Prochaine relecture le").fill(next_review.isoformat())
    _click(page, page.locator("main form button[type=submit]").last)
    assert page.url.endswith(f"/acces-aux-droits/aides/{aid}/"), page.url
    assert page.get_by_text("La fiche est à jour.").is_visible()
    staff_view = page.locator("section[aria-labelledby=gestion]").inner_text()
    assert f"Prochaine relecture le {_french(next_review)}" in staff_view and reviewer in staff_view
    _axe(page, javascript)

    public = browsers.page(javascript=javascript)  # someone without an account
    public.goto(f"/acces-aux-droits/aides/{aid}/")
    assert public.locator("main .lead").inner_text() == summary
    assert public.get_by_text(f"Informations vérifiées le {_french(checked)}.").is_visible()
    assert public.locator(".rights-stale").count() == 0  # the next review is ahead: no warning
    assert public.get_by_role("link", name="Modifier la fiche").count() == 0
    _axe(public, javascript)
    public.goto(f"/acces-aux-droits/aides/{aid}/historique/")  # the history is for city staff
    assert "/compte/connexion/" in public.url

    _click(page, page.get_by_role("link", name="Historique des modifications"))
    latest = page.locator("main .rights-history > li").first
    assert "Camille (mairie)" in latest.get_by_role("heading").inner_text()
    rows = {
        row.locator("th").inner_text().strip(): row.locator("td").last.inner_text().strip()
        for row in latest.locator("tbody tr").all()
    }
    assert rows["en quelques mots"] == summary
    assert rows["prochaine relecture le"] == next_review.isoformat()
    assert "agent·e qui relit la fiche" in rows
    _axe(page, javascript)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_resident_on_the_waiting_list_takes_the_slot_someone_frees(browsers, live_site, javascript):
    variant = "js" if javascript else "nojs"
    slug = f"permanence-pleine-{variant}"
    title = f"Permanence logement du CCAS ({variant})"
    live_site.remote(
        "new_permanence",
        slug=slug,
        title=title,
        opening_hours="Mo-Fr 10:00-10:30",
        agent=live_site.accounts["city staff"]["email"],
    )
    filled = live_site.remote("fill_permanence", slug=slug, prefix=f"plein-{variant}", password=PASSWORD)["people"]
    assert filled, "the permanence had no slot to fill"
    email = _neighbour(live_site, f"attente-{variant}@exemple.fr", f"Agathe Attente {variant}")

    resident = browsers.page(javascript=javascript)
    sign_in(resident, email, PASSWORD)
    resident.goto(f"/acces-aux-droits/permanences/{slug}/")
    assert resident.locator("main .slot-free").count() == 0
    waiting = resident.locator("section[aria-labelledby=liste-d-attente]")
    assert waiting.get_by_text("Tous les créneaux sont pris pour les semaines à venir.").is_visible()
    _axe(resident, javascript)
    _click(resident, waiting.get_by_role("button", name="Prévenez-moi si un créneau se libère"))
    assert resident.get_by_text("C'est noté : vous serez prévenu·e si un créneau se libère").is_visible()
    assert "Vous êtes la première personne sur la liste d'attente." in waiting.inner_text()
    _axe(resident, javascript)

    # Someone else cancels their appointment (the last one, days ahead: it can still be booked).
    other = browsers.page(javascript=javascript)
    sign_in(other, filled[-1], PASSWORD)
    other.goto("/acces-aux-droits/rendez-vous/")
    _click(other, other.get_by_role("link", name=re.compile(re.escape(title))))
    freed = other.locator("main dl dd").first.inner_text()
    _axe(other, javascript)
    _click(other, other.get_by_role("button", name="Annuler le rendez-vous"))

    # The slot is kept for her: a third person does not see it free.
    third = browsers.page(javascript=javascript)
    sign_in(third, _neighbour(live_site, f"tiers-{variant}@exemple.fr", f"Tiers {variant}"), PASSWORD)
    third.goto(f"/acces-aux-droits/permanences/{slug}/")
    assert third.locator("main .slot-free").count() == 0

    resident.goto("/notifications/")
    offer = resident.get_by_role("link", name=f"Un créneau s'est libéré : {title}")
    assert offer.is_visible()
    _axe(resident, javascript)
    resident.goto(f"/acces-aux-droits/permanences/{slug}/")
    assert "Un créneau s'est libéré pour vous" in waiting.inner_text()
    _axe(resident, javascript)
    resident.goto("/notifications/")
    _click(resident, offer)
    assert "/reserver/?debut=" in resident.url
    resident.get_by_label("Thème du rendez-vous").select_option(index=1)
    _axe(resident, javascript)
    _click(resident, resident.get_by_role("button", name="Réserver ce créneau"))
    assert re.search(r"/rendez-vous/\d+/$", resident.url), resident.url
    assert resident.locator("main dl dd").first.inner_text() == freed
    _axe(resident, javascript)

    resident.goto(f"/acces-aux-droits/permanences/{slug}/")
    assert resident.locator("section[aria-labelledby=liste-d-attente]").count() == 0  # her place on the list ended
