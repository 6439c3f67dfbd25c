"""An agent watching their day list sees a resident's booking appear without reloading, announced to
screen readers; the resident books without JavaScript. Then the resident cancels it, and the list follows."""

import re
import time
from urllib.parse import parse_qs, urlsplit

from tests.e2e.helpers import axe_violations, sign_in

PERMANENCE = "conseiller-numerique-mediatheque"  # the demo agent (city staff) receives there
PASSWORD = "rendez-vous-en-direct-2026"


def _watch_day(page, day: str, timeout: float = 10.0) -> None:
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(str(payload))))
    page.goto(f"/acces-aux-droits/permanences/{PERMANENCE}/agenda/?jour={day}")
    deadline = time.monotonic() + timeout
    while not any('"subscribed"' in frame and "rights-day" in frame for frame in frames):
        assert time.monotonic() < deadline, f"the day list never followed its feed: {frames}"
        page.wait_for_timeout(100)  # Playwright delivers the frame events while it waits
    page.evaluate("window.__sameDocument = true")


def test_the_agents_day_list_shows_a_booking_and_a_cancellation_live(browsers, live_site):
    agent_account = live_site.accounts["city staff"]
    live_site.remote("new_neighbour", email="rdv-direct@exemple.fr", password=PASSWORD, name="Rosa Direct")
    resident = browsers.page(javascript=False)
    sign_in(resident, "rdv-direct@exemple.fr", PASSWORD)
    resident.goto(f"/acces-aux-droits/permanences/{PERMANENCE}/")
    link = resident.locator(".slot-free a").first
    start = parse_qs(urlsplit(link.get_attribute("href")).query)["debut"][0]
    day = start[:10]

    agent = browsers.page(javascript=True)
    sign_in(agent, agent_account["email"], agent_account["password"])
    _watch_day(agent, day)
    assert "Rosa Direct" not in agent.locator("#agent-day").inner_text()

    with resident.expect_navigation():
        link.click()
    resident.get_by_label("Thème du rendez-vous").select_option(value="numerique")
    with resident.expect_navigation():
        resident.locator("main form button[type=submit]").last.click()
    assert re.search(r"/rendez-vous/\d+/$", resident.url), resident.url

    agent.wait_for_function("() => document.getElementById('agent-day').textContent.includes('Rosa Direct')")
    agent.wait_for_function(
        "() => document.getElementById('live-region').textContent === 'La liste des rendez-vous a changé.'"
    )
    assert agent.evaluate("window.__sameDocument") is True
    assert axe_violations(agent) == []

    with resident.expect_navigation():
        resident.get_by_role("button", name="Annuler le rendez-vous").click()
    agent.wait_for_function("() => !document.getElementById('agent-day').textContent.includes('Rosa Direct')")
    assert agent.evaluate("window.__sameDocument") is True
