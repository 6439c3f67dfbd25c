"""The épicerie sociale in a real browser, with and without JavaScript, no axe violation on its pages:
a prescriber orients a household and reads its code once; the household books a slot with that code
alone (no account) and prepares a basket (an allergy only with its consent); the till volunteer types
the code, sees the right and what is left, records the visit; a shopkeeper offers surplus and the
épicerie's manager, told live, accepts it and the shop is told on its socket; the manager follows the day
live while the till records a visit, records stock out by category and kg, and staff read the month's
figures and the yearly report as CSV."""

import datetime as dt
import re
import time

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
    # One coarse choice the household may give (issue 17): a quartier, never an address.
    prescriber.get_by_label("Quartier d'habitation (facultatif)").select_option(index=2)
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


def _unread(page) -> str:
    return page.locator("[data-unread-count]").first.text_content().strip()


def _told_live(page, before: str) -> None:
    """The header's unread count changed without a reload: the notice came on the page's socket."""
    page.wait_for_function(
        "(before) => document.querySelector('[data-unread-count]').textContent.trim() !== before", arg=before
    )
    page.wait_for_function("() => document.getElementById('live-region').textContent.trim() !== ''")
    assert page.evaluate("window.__sameDocument") is True


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_shop_offers_surplus_and_the_manager_accepts(browsers, live_site, javascript):
    manager = browsers.page(javascript=javascript)
    account = _account(live_site, "epicerie@solidarite.test")
    sign_in(manager, account["email"], account["password"])
    manager.goto("/epicerie/invendus/")
    if javascript:
        manager_unread = _unread(manager)
        manager.evaluate("window.__sameDocument = true")
        manager.wait_for_timeout(500)  # the socket has joined the manager's group

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
    if javascript:
        # The offer reaches the épicerie's manager live, matched against its needs.
        _told_live(manager, manager_unread)
        shop_unread = _unread(shop)
        shop.evaluate("window.__sameDocument = true")
        shop.wait_for_timeout(500)

    manager.goto("/epicerie/invendus/")
    _clean(manager, javascript)
    item = manager.locator("li", has_text=what)
    with manager.expect_navigation():
        item.get_by_role("button", name=re.compile("^Accepter")).click()
    assert "C'est noté." in manager.content()
    _clean(manager, javascript)
    if javascript:
        _told_live(shop, shop_unread)  # the shop is told on its socket
    shop.goto("/notifications/")
    assert "Vos invendus sont acceptés par Épicerie solidaire du CCAS" in shop.locator("main").inner_text()
    shop.goto("/epicerie/invendus/")
    assert shop.locator("li", has_text=what).filter(has_text="accepté").count() == 1
    _clean(shop, javascript)


def _watch_day(page, timeout: float = 10.0) -> None:
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(str(payload))))
    page.goto(f"/epicerie/{SLUG}/journee/")
    deadline = time.monotonic() + timeout
    while not any('"subscribed"' in frame and "grocery-day" in frame for frame in frames):
        assert time.monotonic() < deadline, f"the day view never followed its feed: {frames}"
        page.wait_for_timeout(100)
    page.evaluate("window.__sameDocument = true")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_manager_follows_the_day_records_stock_and_staff_read_the_figures(browsers, live_site, javascript):
    manager = browsers.page(javascript=javascript)
    account = _account(live_site, "epicerie@solidarite.test")
    sign_in(manager, account["email"], account["password"])
    if javascript:
        _watch_day(manager)
    else:
        manager.goto(f"/epicerie/{SLUG}/journee/")
    _clean(manager, javascript)
    visits = manager.locator("[data-grocery-day] p").first
    before = visits.inner_text()

    till = browsers.page(javascript=False)  # the till records a visit: the day view follows
    account = _account(live_site, "caisse@solidarite.test")
    sign_in(till, account["email"], account["password"])
    till.goto(f"/epicerie/{SLUG}/caisse/")
    till.get_by_label("Code d'accès").fill("K7QM4-RXPW3")  # a demo household's code
    with till.expect_navigation():
        till.get_by_role("button", name="Voir le droit").click()
    till.get_by_label("Montant du passage").fill("1")
    with till.expect_navigation():
        till.get_by_role("button", name="Enregistrer le passage").click()
    assert "Passage enregistré" in till.content()

    if javascript:
        manager.wait_for_function(
            "(before) => document.querySelector('[data-grocery-day] p').textContent.trim() !== before", arg=before
        )
        manager.wait_for_function(
            "() => document.getElementById('live-region').textContent === 'La journée a changé : liste mise à jour.'"
        )
        assert manager.evaluate("window.__sameDocument") is True
    else:
        manager.reload()
    assert visits.inner_text() != before
    _clean(manager, javascript)

    # Stock out by category and kg; the month's balance.
    manager.goto(f"/epicerie/{SLUG}/stock/")
    _clean(manager, javascript)
    manager.get_by_label("Catégorie").select_option(value="epicerie")
    manager.get_by_label("Origine ou destination").select_option(value="distribution")
    manager.get_by_label("Poids (kg)").fill("2,5")
    with manager.expect_navigation():
        manager.locator("main form button[type=submit]").click()
    assert "Mouvement enregistré." in manager.content()
    assert manager.locator("main li", has_text="2,5 kg, épicerie sèche (distribué aux foyers)").count() >= 1
    assert manager.get_by_role("row", name=re.compile("^épicerie sèche")).count() == 1
    _clean(manager, javascript)

    # Staff read the month's figures and the yearly report (CASF L.266-1), aggregates only.
    staff = browsers.page(javascript=javascript)
    account = live_site.accounts["city staff"]
    sign_in(staff, account["email"], account["password"])
    staff.goto("/tableau-de-bord/")
    assert staff.get_by_text("Épicerie sociale par mois").count() >= 1
    assert staff.get_by_text("Aide alimentaire : rapport d'activité (CASF L.266-1)").count() >= 1
    _clean(staff, javascript)
    csv = staff.request.get("/tableau-de-bord/epicerie-rapport-annuel.csv")
    assert csv.ok and "Personnes servies (au moins)" in csv.text()
    assert "Épicerie solidaire du CCAS" in csv.text()
