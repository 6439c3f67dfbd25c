"""People watching a room's week see a booking made meanwhile appear, without reloading the page;
the keyboard focus stays on the slot, and the change is announced to screen readers."""

import datetime as dt
import re
import time

from tests.e2e.helpers import sign_in

ROOM = "salle-de-reunion-loire"  # confirmed at once, open Tuesdays until 22:00


def _tuesday(weeks_ahead: int) -> dt.date:
    day = dt.date.today() + dt.timedelta(weeks=weeks_ahead)
    return day + dt.timedelta(days=(1 - day.weekday()) % 7)


def _watch_week(page, day: dt.date, timeout: float = 10.0) -> None:
    """Open the week and wait until its socket follows the room's feed."""
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(str(payload))))
    page.goto(f"/salles/{ROOM}/?semaine={day.isoformat()}")
    deadline = time.monotonic() + timeout
    while not any('"subscribed"' in frame and "room-week" in frame for frame in frames):
        assert time.monotonic() < deadline, f"the page never followed its room's feed: {frames}"
        page.wait_for_timeout(100)  # Playwright delivers the frame events while it waits, not in a sleep
    page.evaluate("window.__sameDocument = true")


def test_open_week_pages_change_live_when_a_manager_books(browsers, live_site):
    manager_account = live_site.accounts["responsable-salles@solidarite.test"]
    day = _tuesday(9)
    visitor = browsers.page(javascript=True)  # nobody signed in
    # A manager on another device, watching: free slots are links to book them (a neighbour sees none
    # on a room only associations book, and is told why instead).
    watcher = browsers.page(javascript=True)
    sign_in(watcher, manager_account["email"], manager_account["password"])
    _watch_week(visitor, day)
    _watch_week(watcher, day)
    row = watcher.locator("#room-week tr", has=watcher.locator("th", has_text=re.compile(r"^18 h$")))
    row.locator("td").nth(1).locator("a").focus()

    manager = browsers.page(javascript=False)
    sign_in(manager, manager_account["email"], manager_account["password"])
    manager.goto(f"/salles/{ROOM}/reserver/?jour={day.isoformat()}&heure=18")
    manager.get_by_label("Au nom de").select_option(label="Couture et partage")
    manager.get_by_label(re.compile(r"^Objet")).fill("Réunion du bureau")
    manager.get_by_label("Heure de fin").fill("20:00")
    with manager.expect_navigation():
        manager.locator("main form button[type=submit]").last.click()
    assert "/mes-reservations/" in manager.url

    for page in (visitor, watcher):
        page.wait_for_function(
            "() => document.getElementById('room-week').textContent.includes('Couture et partage, 18 h – 20 h')"
        )
        page.wait_for_function(
            "() => document.getElementById('live-region').textContent === 'Le planning de la salle a changé.'"
        )
        assert page.evaluate("window.__sameDocument") is True
        assert "Réunion du bureau" not in page.locator("#room-week").inner_text()  # the title stays private
    # The focused link is gone (the slot is taken): the focus stays on that slot, not at the page top.
    focused = watcher.evaluate("() => [document.activeElement.tagName, document.activeElement.textContent]")
    assert focused[0] == "TD" and "Couture et partage" in focused[1]
