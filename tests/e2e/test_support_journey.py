"""Exceptional support, from the association's draft to the open-data file, in two browsers.

An association manager drafts a request for one of the association's actions, completes it and
files it; a city staff member finds it in the queue and asks for more information; the manager is
told (live, without reloading, when JavaScript runs), answers and sends the request back; staff
grant it on an envelope; the manager reads the decision; the grant is a row of the SCDL CSV.
The same journey works without JavaScript (pages reloaded by hand).
"""

import csv
import io
import uuid

import pytest

from tests.e2e.helpers import sign_in

TOWN_SIRET = "21440143200015"  # tests/proof/live_settings.py


def _submit(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def _text(locator) -> str:
    """What the person reads, with French non-breaking spaces (« 1 000,00 € ») as plain ones."""
    return " ".join(locator.inner_text().split())


def _state(page) -> str:
    return page.locator(".lead .state").inner_text()


def _watch_unread(page) -> str:
    """Mark the document and return the unread badge: a live change is one without reload."""
    page.evaluate("window.__sameDocument = true")
    page.wait_for_timeout(500)  # the socket has joined the person's group
    return page.locator("[data-unread-count]").inner_text().strip()


def _told_live(page, before: str, words: str) -> None:
    page.wait_for_function(
        "(before) => document.querySelector('[data-unread-count]').textContent.trim() !== before", arg=before
    )
    page.wait_for_function("(words) => document.getElementById('live-region').textContent.includes(words)", arg=words)
    assert page.evaluate("window.__sameDocument") is True


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_manager_asks_for_support_staff_ask_more_then_grant_and_it_is_published(browsers, live_site, javascript):
    manager_account = live_site.accounts["association manager (support)"]
    staff_account = live_site.accounts["city staff"]
    suffix = uuid.uuid4().hex[:6]
    action_title = f"Repas partagé de quartier {suffix}"
    title = f"Matériel de cuisine pour le repas partagé {suffix}"
    association = "epicerie-solidaire-pont-rousseau"
    live_site.remote("new_action", association=association, title=action_title, manager=manager_account["email"])
    manager = browsers.page(javascript=javascript)
    staff = browsers.page(javascript=javascript)
    sign_in(manager, manager_account["email"], manager_account["password"])
    sign_in(staff, staff_account["email"], staff_account["password"])

    # The manager drafts: only the object and the action for now.
    manager.get_by_role("link", name="Soutiens exceptionnels").click()
    manager.get_by_role("link", name="Faire une nouvelle demande").click()
    manager.get_by_label("Action publiée").select_option(label=action_title)
    manager.get_by_label("Objet de la demande").fill(title)
    manager.get_by_label("Type de soutien").select_option(label="aide en numéraire")
    _submit(manager, "Enregistrer")
    assert manager.get_by_role("heading", level=1).inner_text() == title
    assert _state(manager) == "brouillon"
    missing = manager.get_by_role("note")
    assert "il manque encore" in missing.inner_text()
    assert "le montant demandé" in missing.inner_text()
    assert manager.get_by_role("button", name="Déposer la demande").is_visible()

    # ...completes it, then files it.
    manager.get_by_role("link", name="Compléter ou modifier la demande").click()
    manager.get_by_label("Description").fill("Acheter deux grandes marmites et des plaques pour cuisiner à 80.")
    manager.get_by_label("Montant demandé (€)").fill("1 200")
    manager.get_by_label("Budget total de l'action (€)").fill("3 000,50")
    manager.get_by_label("Date de début de l'action").fill("2030-06-21")
    _submit(manager, "Enregistrer")
    assert manager.get_by_role("note").count() == 0  # nothing missing any more
    assert manager.get_by_text("1 200,00 €").is_visible()
    assert manager.get_by_role("link", name=action_title).is_visible()
    _submit(manager, "Déposer la demande")
    assert _state(manager) == "déposée"
    assert manager.get_by_role("link", name="Compléter ou modifier la demande").count() == 0

    # Staff find it in their queue and ask for more.
    staff.goto("/soutiens/instruction/")
    row = staff.locator("tr", has_text=title)
    assert "Épicerie solidaire de Pont-Rousseau" in row.inner_text()
    assert "déposée" in row.inner_text()
    row.get_by_role("link", name=title).click()
    assert staff.get_by_text("Acheter deux grandes marmites").is_visible()
    if javascript:
        unread = _watch_unread(manager)
    ask = staff.locator("form", has=staff.get_by_role("button", name="Demander des compléments"))
    ask.get_by_label("Motif (obligatoire, l'association le lira)").fill("Merci de joindre le devis des marmites.")
    _submit(staff, "Demander des compléments")
    assert _state(staff) == "en attente de compléments"

    # The manager is told, reads why, answers and sends the request back.
    if javascript:
        _told_live(manager, unread, title)
    manager.reload()
    assert _state(manager) == "en attente de compléments"
    assert manager.locator(".timeline").get_by_text("Merci de joindre le devis des marmites.").is_visible()
    manager.get_by_label("Votre message").fill("Le devis arrive : 2 marmites à 350 €, 2 plaques à 250 €.")
    _submit(manager, "Envoyer")
    assert manager.locator(".conversation").get_by_text("2 marmites à 350 €").is_visible()
    if javascript:
        unread = _watch_unread(staff)
    _submit(manager, "Envoyer les compléments")
    assert _state(manager) == "en instruction"

    # Staff see the answer, and grant on this year's envelope.
    if javascript:
        _told_live(staff, unread, title)
    staff.reload()
    assert staff.locator(".conversation").get_by_text("2 marmites à 350 €").is_visible()
    assert _state(staff) == "en instruction"
    envelope = staff.get_by_label("Enveloppe")
    envelope.select_option(label=envelope.locator("option", has_text="Soutiens exceptionnels aux").inner_text())
    staff.get_by_label("Montant accordé (€)").fill("1 000")
    reference = f"DEL-{suffix}"
    staff.get_by_label("Référence de la décision").fill(reference)
    staff.get_by_label("Message à l'association").fill("Accordé pour les marmites ; les plaques seront prêtées.")
    if javascript:
        unread = _watch_unread(manager)
    _submit(staff, "Accorder")
    assert staff.get_by_text("Aide accordée. L'association est prévenue.").is_visible()
    assert _state(staff) == "accordée"

    # The manager reads the decision.
    if javascript:
        _told_live(manager, unread, title)
    manager.reload()
    assert _state(manager) == "accordée"
    decision = _text(manager.locator("dl", has_text="Aide accordée"))
    assert "Aide accordée 1 000,00 €" in decision
    assert reference in decision
    assert manager.get_by_text("les plaques seront prêtées").is_visible()
    assert "Enveloppe" not in decision  # the city's budget lines are its own business
    manager.get_by_role("link", name="Toutes les demandes").click()
    assert "accordée" in manager.locator("tr", has_text=title).inner_text()

    # Anyone can read the grant in the SCDL « subventions » open-data file.
    response = browsers.page().request.get("/donnees/subventions.csv")
    assert response.ok and response.headers["content-type"].startswith("text/csv")
    rows = [row for row in csv.DictReader(io.StringIO(response.text())) if row["referenceDecision"] == reference]
    assert len(rows) == 1, rows
    assert rows[0]["objet"] == title
    assert rows[0]["montant"] == "1000.00"
    assert rows[0]["nomBeneficiaire"] == "Épicerie solidaire de Pont-Rousseau"
    assert rows[0]["rnaBeneficiaire"] == "W443012345"
    assert rows[0]["idAttribuant"] == TOWN_SIRET
    assert rows[0]["nature"] == "aide en numéraire"
