"""An association manager books a room every week; city staff approve; the manager is told live."""

import datetime as dt
import re

import pytest

from tests.e2e.helpers import sign_in

TITLE = "Répétition de la chorale"


def _next_thursday(weeks_ahead: int) -> dt.date:
    day = dt.date.today() + dt.timedelta(weeks=weeks_ahead)
    return day + dt.timedelta(days=(3 - day.weekday()) % 7)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_manager_books_a_weekly_room_and_staff_approve_it(browsers, live_site, javascript):
    manager_account = live_site.accounts["responsable-salles@solidarite.test"]
    staff_account = live_site.accounts["city staff"]
    weeks = 6 if javascript else 12  # each variant its own Thursdays
    first = _next_thursday(weeks)
    manager = browsers.page(javascript=javascript)
    staff = browsers.page(javascript=javascript)
    sign_in(manager, manager_account["email"], manager_account["password"])
    sign_in(staff, staff_account["email"], staff_account["password"])

    manager.goto("/salles/salle-polyvalente/reserver/")
    manager.get_by_label("Au nom de").select_option(label="Couture et partage")
    manager.get_by_label(re.compile(r"^Objet")).fill(TITLE)
    manager.get_by_label(re.compile(r"^Date\s*:?$")).fill(first.isoformat())
    manager.get_by_label("Heure de début").fill("20:00")
    manager.get_by_label("Heure de fin").fill("22:00")
    manager.get_by_label("Répéter").select_option(label="chaque semaine")
    manager.get_by_label("Jusqu'au (pour une série)").fill((first + dt.timedelta(weeks=3)).isoformat())
    with manager.expect_navigation():
        manager.locator("main form button[type=submit]").last.click()
    assert manager.locator(".message, .messages").count() > 0 or "/salles/" in manager.url

    staff.goto("/salles/a-valider/")
    row = staff.locator("tr", has_text=TITLE).filter(has_text=first.strftime("%Y")).first
    assert "4 dates" in row.inner_text()  # the whole series waits as one decision
    if javascript:
        manager.goto("/salles/mes-reservations/")
        manager.evaluate("window.__sameDocument = true")
        manager.wait_for_timeout(500)
        unread_before = manager.locator("[data-unread-count]").inner_text().strip()
    with staff.expect_navigation():
        row.get_by_role("button", name="Valider").click()
    assert staff.locator("tr", has_text=TITLE).count() == 0
    if javascript:
        manager.wait_for_function(
            "(before) => document.querySelector('[data-unread-count]').textContent.trim() !== before",
            arg=unread_before,
        )
        assert manager.evaluate("window.__sameDocument") is True
    manager.goto("/salles/mes-reservations/")
    assert manager.get_by_text(TITLE).count() >= 4
