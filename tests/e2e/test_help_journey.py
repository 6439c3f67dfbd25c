"""The spine of the platform, in two browsers: a neighbour asks for help, another one offers it.

The offerer's page learns of the match without reloading, the offerer says "I can help", the
requester's page sees it without reloading, accepts, and they talk: each message appears on the
other side live. The same journey works without JavaScript (pages reloaded by hand).
"""

import datetime as dt
import re
import uuid

from tests.e2e.helpers import sign_in

PASSWORD = "entraide-mot-de-passe-2026"


def _neighbour(live_site, name: str) -> str:
    email = f"{name.lower()}-{uuid.uuid4().hex[:8]}@exemple.fr"
    live_site.remote("new_neighbour", email=email, password=PASSWORD, name=name)
    return email


def _offer(page, description: str) -> None:
    page.goto("/entraide/proposer/")
    page.get_by_label("Bricolage").check()
    page.get_by_label("Présentez votre proposition").fill(description)
    page.get_by_label("Quartier").select_option(label="Ragon")
    page.get_by_label("Jusqu'à quelle distance (en km) ?").fill("5")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/entraide/propositions/" in page.url, page.url


def _request(page, description: str) -> None:
    start = dt.datetime.now() + dt.timedelta(hours=2)
    end = start + dt.timedelta(days=2)
    page.goto("/entraide/demander/")
    page.get_by_label("De quelle aide avez-vous besoin ?").select_option(label="Bricolage")
    page.get_by_label("Décrivez votre besoin").fill(description)
    page.get_by_label("Quartier").select_option(label="Ragon")
    page.get_by_label("À partir du").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Jusqu'au").fill(end.strftime("%Y-%m-%dT%H:%M"))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/entraide/demandes/" in page.url, page.url


def test_a_request_meets_an_offer_live_then_they_talk(browsers, live_site):
    requester_email, offerer_email = _neighbour(live_site, "Agnes"), _neighbour(live_site, "Bruno")
    offerer = browsers.page()
    requester = browsers.page()
    sign_in(offerer, offerer_email, PASSWORD)
    sign_in(requester, requester_email, PASSWORD)

    _offer(offerer, "Je monte vos meubles et fixe vos étagères, perceuse fournie.")
    offerer.evaluate("window.__sameDocument = true")
    offerer.wait_for_timeout(500)  # the socket has joined the offerer's group

    _request(requester, "Il faudrait fixer une étagère dans ma cuisine, je n'ai pas de perceuse.")
    # The offerer, who did not reload, is told: the header count and the live region change.
    offerer.wait_for_function("() => document.querySelector('[data-unread-count]').textContent.trim() !== ''")
    offerer.wait_for_function("() => document.getElementById('live-region').textContent.trim() !== ''")
    assert offerer.evaluate("window.__sameDocument") is True

    offerer.get_by_role("link", name=re.compile("^Notifications")).click()
    offerer.locator("main .notification a").first.click()
    assert "/entraide/mises-en-relation/" in offerer.url
    match_url = offerer.url

    # The requester's page lists the match; it changes live when the offerer says yes.
    matches = requester.locator("[data-help-matches] [data-match-id]")
    matches.first.wait_for()
    before = matches.first.inner_text()
    requester.evaluate("window.__sameDocument = true")
    requester.wait_for_timeout(300)
    with offerer.expect_navigation():
        offerer.get_by_role("button", name="Je peux aider").click()
    requester.wait_for_function(
        "(before) => document.querySelector('[data-help-matches] [data-match-id]').innerText !== before", arg=before
    )
    assert requester.evaluate("window.__sameDocument") is True

    status_before = offerer.locator("[data-match-status]").inner_text()
    offerer.evaluate("window.__sameDocument = true")
    requester.goto(match_url)
    with requester.expect_navigation():
        requester.get_by_role("button", name="Accepter cette aide").click()
    offerer.wait_for_function(
        "(before) => document.querySelector('[data-match-status]').textContent !== before", arg=status_before
    )
    assert offerer.evaluate("window.__sameDocument") is True

    # Accepted: each sees the other's way to be reached, and the conversation opens.
    offerer.reload()
    assert offerer.get_by_role("heading", name="Pour vous joindre").is_visible()
    requester.get_by_label("Votre message").fill("Bonjour Bruno, mardi 14 h vous irait ?")
    with requester.expect_navigation():
        requester.get_by_role("button", name="Envoyer").click()
    offerer.locator("[data-help-messages]").get_by_text("mardi 14 h vous irait ?").wait_for()
    requester.evaluate("window.__sameDocument = true")
    offerer.get_by_label("Votre message").fill("Parfait, j'apporte la perceuse.")
    with offerer.expect_navigation():
        offerer.get_by_role("button", name="Envoyer").click()
    requester.locator("[data-help-messages]").get_by_text("j'apporte la perceuse").wait_for()
    assert requester.evaluate("window.__sameDocument") is True


def test_the_help_journey_works_without_javascript(browsers, live_site):
    requester_email, offerer_email = _neighbour(live_site, "Chantal"), _neighbour(live_site, "Denis")
    offerer = browsers.page(javascript=False)
    requester = browsers.page(javascript=False)
    sign_in(offerer, offerer_email, PASSWORD)
    sign_in(requester, requester_email, PASSWORD)
    _offer(offerer, "Petits travaux de bricolage le week-end.")
    _request(requester, "Changer une poignée de porte.")
    offerer.goto("/notifications/")
    offerer.locator("main .notification a").first.click()
    with offerer.expect_navigation():
        offerer.get_by_role("button", name="Je peux aider").click()
    requester.reload()
    requester.locator("[data-help-matches]").get_by_role("link", name="Denis").click()
    with requester.expect_navigation():
        requester.get_by_role("button", name="Accepter cette aide").click()
    requester.get_by_label("Votre message").fill("Merci Denis !")
    with requester.expect_navigation():
        requester.get_by_role("button", name="Envoyer").click()
    offerer.reload()
    assert offerer.locator("[data-help-messages]").get_by_text("Merci Denis !").is_visible()
