"""Issue 19's journeys in Arabic (the added language), in Chromium, with and without JavaScript, axe on each
page: a visitor looking for free wifi and printing near them; a senior asking for a tablet, a refurbisher
listing a batch, the rules allocating it, the senior booking the handover, and staff handing it over, then
lending a device kept for loans to a household that waits.

The browser asks for Arabic (Accept-Language): every page is ``lang="ar"`` and right to left, and none is wider
than the screen. Elements are found by their names and values, not their words, so that the journeys stay
true as translations are added (the French journeys, tests/e2e/test_digital_journey.py and
test_equipment_journey.py, check the words).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import axe_violations


def _check(page, javascript):
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url
    if javascript:  # axe-core runs as a script in the page: with JavaScript off it cannot, and the HTML is the same
        assert axe_violations(page) == [], page.url


def _submit(page, form):
    with page.expect_navigation():
        page.locator(form).locator("button[type=submit]").first.click()


def _arabic(browsers, live_site, javascript, key=None):
    page = browsers.page(javascript=javascript, locale="ar")
    if key is not None:
        account = live_site.accounts[key]
        page.goto("/compte/connexion/")
        page.locator("main form input[type=email]").fill(account["email"])
        page.locator("main form input[type=password]").fill(account["password"])
        _submit(page, "main form")
    return page


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_visitor_finds_free_wifi_and_printing_near_them_in_arabic(browsers, live_site, javascript):
    page = _arabic(browsers, live_site, javascript)
    page.goto("/numerique/")
    _check(page, javascript)
    page.locator("input[name=service][value=free_wifi]").check()
    page.locator("input[name=service][value=printing]").check()
    page.locator("select[name=quartier]").select_option(value="reze-hotel-de-ville")
    _submit(page, "main form:has(input[name=service])")
    _check(page, javascript)
    names = page.locator(".digital-places h3").all_inner_texts()
    assert names[0] == "Espace numérique — aide aux démarches en ligne", names
    assert "Le Café des Isles" not in names  # wifi, but no printing
    with page.expect_navigation():
        page.locator(".digital-places h3 a").first.click()
    _check(page, javascript)
    hours = page.locator("table.hours-week").first.inner_text()
    assert re.search(r"[\u0600-\u06ff]", hours) and "Tu,Th" not in page.content()  # the hours in Arabic words
    assert page.locator("a[href*='/conseiller-numerique-mediatheque/reserver/?debut=']").count() >= 1
    page.goto("/numerique/carte/?service=free_wifi&service=printing&quartier=reze-hotel-de-ville")
    _check(page, javascript)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_senior_gets_a_tablet_and_staff_lend_one_in_arabic(browsers, live_site, javascript):
    senior = _arabic(browsers, live_site, javascript, "voisin@solidarite.test")
    senior.goto("/equipement/")
    _check(senior, javascript)
    senior.goto("/equipement/demander/")
    _check(senior, javascript)
    senior.locator("input[name=public][value=senior_alone]").check()
    senior.locator("input[name=wanted][value=tablet]").check()
    senior.locator("input[name=address]").fill(f"41 rue de la Commune, appartement {'5' if javascript else '6'}")
    _submit(senior, "main form:has(input[name=address])")
    assert re.search(r"/equipement/demandes/\d+/$", senior.url), senior.url
    request_url = senior.url
    _check(senior, javascript)

    refurbisher = _arabic(browsers, live_site, javascript, "reconditionneur@solidarite.test")
    refurbisher.goto("/equipement/lots/")
    _check(refurbisher, javascript)
    refurbisher.locator("select[name=place]").select_option(label="Espace numérique — aide aux démarches en ligne")
    reference = "AR-JS" if javascript else "AR-NOJS"
    refurbisher.locator("textarea[name=devices]").fill(f"tablette ; 10 pouces, 64 Go ; a ; {reference}")
    _submit(refurbisher, "main form:has(textarea[name=devices])")
    _check(refurbisher, javascript)
    assert refurbisher.locator("li", has_text=reference).count() == 1
    # A second batch, kept for loans: lent to households while they wait, never given.
    loan_reference = f"{reference}-PRET"
    refurbisher.locator("select[name=place]").select_option(label="Espace numérique — aide aux démarches en ligne")
    refurbisher.locator("textarea[name=devices]").fill(f"tablette ; 8 pouces ; b ; {loan_reference}")
    refurbisher.locator("input[name=lendable]").check()
    _submit(refurbisher, "main form:has(textarea[name=devices])")
    assert refurbisher.locator("li", has_text=loan_reference).count() == 1

    # The rules gave the first tablet to the senior, who is told and picks a slot.
    senior.goto("/notifications/")
    _check(senior, javascript)
    senior.goto(request_url)
    _check(senior, javascript)
    senior.locator("input[name=start]").first.check()
    _submit(senior, "main form:has(input[name=start])")
    _check(senior, javascript)
    assert senior.locator("input[name=start]").count() == 0

    staff = _arabic(browsers, live_site, javascript, "agent@solidarite.test")
    staff.goto("/equipement/suivi/")
    _check(staff, javascript)
    staff.goto(request_url)
    _check(staff, javascript)
    # While the handover is booked, staff lend the tablet kept for loans (the request keeps its place).
    lend = "main form[action$='/pret/']"
    option = staff.locator(f"{lend} select[name=device] option", has_text=loan_reference)
    staff.locator(f"{lend} select[name=device]").select_option(value=option.get_attribute("value"))
    _submit(staff, lend)
    _check(staff, javascript)
    assert staff.locator("#prets + ul li", has_text=loan_reference).count() == 1
    _submit(staff, "main form[action$='/hand_over/']")
    _check(staff, javascript)
    assert staff.locator("main form[action$='/hand_over/']").count() == 0
    staff.goto("/objetheque/gestion/")
    _check(staff, javascript)
    assert staff.locator("main", has_text=loan_reference).count() == 1
