"""The objethèque in a real browser, with and without JavaScript, no axe violation on its pages: a
neighbour finds an energy kit and books days; another one joins its waiting list; the owner's manager (the
Repair café's, an association; or city staff, for the town's kit) hands it over with its condition and
weight, then takes it back; the person waiting is told it is back (live, with JavaScript)."""

import datetime as dt
import re
import uuid

import pytest

from tests.e2e.helpers import axe_violations, sign_in

PASSWORD = "objetheque-mot-de-passe-2026"
# One kit per run: both runs share the live site's database and book from today.
KITS = {
    True: ("wattmetre-repair-cafe", "responsable-asso@solidarite.test"),
    False: ("kit-reducteurs-de-debit", "city staff"),
}


def _clean(page, javascript):
    # axe-core runs as a script in the page: with JavaScript off it cannot, and the HTML is the same.
    if javascript:
        assert axe_violations(page) == [], page.url


def _neighbour(live_site, name):
    email = f"{name.lower()}-{uuid.uuid4().hex[:8]}@exemple.fr"
    live_site.remote("new_neighbour", email=email, password=PASSWORD, name=name)
    return email


def _submit(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_neighbour_borrows_an_energy_kit_and_the_waiting_list_is_told_it_is_back(browsers, live_site, javascript):
    slug, owner_account = KITS[javascript]
    borrower = browsers.page(javascript=javascript)
    sign_in(borrower, _neighbour(live_site, "Nadia"), PASSWORD)
    borrower.goto("/objetheque/")
    _clean(borrower, javascript)
    borrower.get_by_label("Catégorie").select_option(value="energy" if javascript else "water")
    _submit(borrower, "Filtrer")
    with borrower.expect_navigation():
        borrower.locator(f"main a[href='/objetheque/{slug}/']").click()
    assert "Ce qu'il faut mesurer" in borrower.content()
    _clean(borrower, javascript)
    today = dt.date.today()
    borrower.get_by_label("Jour du retrait").fill(today.isoformat())
    borrower.get_by_label("Jour du retour").fill((today + dt.timedelta(days=2)).isoformat())
    _submit(borrower, "Réserver ces jours")
    assert borrower.url.endswith("/objetheque/mes-prets/"), borrower.url
    assert "réservé" in borrower.locator("main").inner_text()
    _clean(borrower, javascript)

    waiter = browsers.page(javascript=javascript)
    sign_in(waiter, _neighbour(live_site, "Wassim"), PASSWORD)
    waiter.goto(f"/objetheque/{slug}/")
    assert "du " in waiter.locator("#taken-title + ul").inner_text()  # the booked days show
    _submit(waiter, "M'inscrire sur la liste d'attente")
    assert "Vous êtes sur la liste d'attente" in waiter.content()
    _clean(waiter, javascript)
    if javascript:
        waiter.evaluate("window.__sameDocument = true")
        waiter.wait_for_timeout(500)  # the socket has joined the waiter's group

    owner = browsers.page(javascript=javascript)
    account = live_site.accounts[owner_account]
    sign_in(owner, account["email"], account["password"])
    owner.goto("/objetheque/gestion/")
    _clean(owner, javascript)
    with owner.expect_navigation():
        owner.get_by_role("link", name=re.compile("^Remettre l'objet")).first.click()
    _clean(owner, javascript)
    owner.get_by_label("État de l'objet").select_option(value="good")
    owner.get_by_label("Poids pesé (kg)").fill("0,35")
    owner.get_by_label("Caution reçue").check()
    _submit(owner, "Enregistrer")
    assert "est prêté" in owner.content()
    with owner.expect_navigation():
        owner.get_by_role("link", name=re.compile("^Reprendre l'objet")).first.click()
    owner.get_by_label("État de l'objet").select_option(value="fair")
    owner.get_by_label("Poids pesé (kg)").fill("0,35")
    _submit(owner, "Enregistrer")
    assert "est rendu" in owner.content()

    if javascript:
        # The waiter, who did not reload, is told: the header count changes.
        waiter.wait_for_function("() => document.querySelector('[data-unread-count]').textContent.trim() !== ''")
        assert waiter.evaluate("window.__sameDocument") is True
    waiter.goto("/notifications/")
    assert "est de retour" in waiter.locator("main").inner_text()
    _clean(waiter, javascript)

    borrower.goto("/objetheque/mes-prets/")
    assert "rendu" in borrower.locator("main").inner_text()
    borrower.goto(f"/objetheque/{slug}/")
    assert "Historique de l'état" in borrower.content() and "état correct" in borrower.content()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_lenders_manager_adds_an_item_with_a_photo_edits_it_and_withdraws_it(browsers, live_site, javascript):
    from tests.rooms.factories import png_bytes

    _slug, owner_account = KITS[javascript]
    name = f"Caméra thermique {uuid.uuid4().hex[:6]}"
    owner = browsers.page(javascript=javascript)
    account = live_site.accounts[owner_account]
    sign_in(owner, account["email"], account["password"])
    owner.goto("/objetheque/gestion/")
    with owner.expect_navigation():
        owner.get_by_role("link", name=re.compile("^Les objets que vous prêtez")).click()
    _clean(owner, javascript)
    with owner.expect_navigation():
        owner.get_by_role("link", name="Ajouter un objet").click()
    _clean(owner, javascript)
    owner.get_by_label("Nom de l'objet").fill(name)
    owner.get_by_label("Catégorie").select_option(value="energy")
    owner.get_by_label("Poids (kg)").fill("lourd")
    _submit(owner, "Ajouter l'objet")
    assert "pas été envoyé" in owner.content()  # a French 400, on the form
    _clean(owner, javascript)
    owner.get_by_label("Poids (kg)").fill("0,8")
    owner.get_by_label("Caution (€)").fill("50")
    _submit(owner, "Ajouter l'objet")
    assert "est dans le catalogue" in owner.content()
    _clean(owner, javascript)

    owner.locator("main input[type=file]").set_input_files(
        {"name": "camera.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    owner.get_by_label("Ce que montre la photo").fill("La caméra thermique dans sa housse")
    _submit(owner, "Ajouter la photo")
    assert "Photo ajoutée" in owner.content()
    owner.locator("main select[name=condition]").select_option(value="fair")
    _submit(owner, "Enregistrer")
    assert "enregistré" in owner.content()
    _clean(owner, javascript)
    manage_url = owner.url

    neighbour = browsers.page(javascript=javascript)
    neighbour.goto("/objetheque/?categorie=energy")
    with neighbour.expect_navigation():
        neighbour.get_by_role("link", name=name).click()
    assert neighbour.locator("img[alt='La caméra thermique dans sa housse']").count() == 1
    public_url = neighbour.url

    owner.goto(manage_url)
    _submit(owner, "Retirer l'objet du prêt")
    assert "n'est plus prêté" in owner.content()
    _clean(owner, javascript)
    assert neighbour.goto(public_url).status == 404
