"""A person's account, lived in Chromium against the live server.

Sign up, confirm from the e-mail, see a notification arrive in the header without reloading;
download one's data, then delete the account. Each journey also runs with JavaScript disabled,
since these pages promise to work without it.
"""

import json
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import sign_in

PASSWORD = "un-mot-de-passe-bien-long-2026"


def _sign_up(page, live_site, *, name: str) -> str:
    email = f"{name.lower()}-{uuid.uuid4().hex[:8]}@exemple.fr"
    page.goto("/")
    page.get_by_role("link", name="Créer un compte").first.click()
    page.get_by_label("Votre prénom ou un pseudonyme").fill(name)
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Votre quartier").select_option(label="Ragon")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Vérifiez vos e-mails"
    assert live_site.remote("user_state", email=email)["is_active"] is False
    return email


def _confirm_from_mail(page, live_site, email: str) -> None:
    mails = live_site.mails_to(email)
    assert len(mails) == 1, mails
    link = re.search(r"http://\S+/compte/confirmer/\S+/", mails[0]).group(0)
    page.goto(link)
    assert page.url.endswith("/compte/profil/")
    assert page.get_by_text("Votre adresse est confirmée. Bienvenue !").is_visible()
    assert live_site.remote("user_state", email=email)["is_active"] is True


def test_a_new_neighbour_signs_up_confirms_and_sees_a_notification_arrive_live(browsers, live_site):
    page = browsers.page()
    email = _sign_up(page, live_site, name="Lucie")
    _confirm_from_mail(page, live_site, email)
    badge = page.locator("[data-unread-count]")
    # The welcome notification is counted when the page is rendered.
    assert badge.inner_text().startswith("1")
    page.wait_for_function("() => window.Solidarite !== undefined")
    page.evaluate("window.__sameDocument = true")
    # Give the socket time to join the user's group, then something happens elsewhere on the platform.
    page.wait_for_timeout(500)
    live_site.remote("notify", email=email, title="Karim propose de vous aider")
    page.wait_for_function("() => document.querySelector('[data-unread-count]').textContent.trim() === '2'")
    assert page.evaluate("window.__sameDocument") is True  # no reload happened
    page.wait_for_function("() => document.getElementById('live-region').textContent.includes('Karim')")
    page.get_by_role("link", name=re.compile("^Notifications")).click()
    assert page.get_by_role("link", name="Karim propose de vous aider").is_visible()


def test_sign_up_and_notifications_work_without_javascript(browsers, live_site):
    page = browsers.page(javascript=False)
    email = _sign_up(page, live_site, name="Odette")
    _confirm_from_mail(page, live_site, email)
    live_site.remote("notify", email=email, title="Votre demande a une réponse")
    page.goto("/notifications/")
    assert page.get_by_role("link", name="Votre demande a une réponse").is_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Tout marquer comme lu").click()
    assert page.locator("[data-unread-count]").inner_text().strip() == ""


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_person_downloads_their_data_then_deletes_their_account(browsers, live_site, javascript):
    page = browsers.page(javascript=javascript)
    email = _sign_up(page, live_site, name="Marcel")
    _confirm_from_mail(page, live_site, email)
    page.goto("/compte/mes-donnees/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger mes données").click()
    exported = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert email in json.dumps(exported, ensure_ascii=False)
    assert "Marcel" in json.dumps(exported, ensure_ascii=False)

    # A wrong password changes nothing.
    page.get_by_label("Votre mot de passe, pour confirmer").fill("pas-le-bon-mot-de-passe")
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    assert page.get_by_text("Mot de passe incorrect.", exact=True).is_visible()
    assert live_site.remote("user_state", email=email)["exists"] is True

    page.get_by_label("Votre mot de passe, pour confirmer").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    assert page.get_by_text("Votre compte et vos données ont été supprimés.").is_visible()
    assert page.get_by_role("link", name="Se connecter").is_visible()
    assert live_site.remote("user_state", email=email) == {"exists": False}

    sign_in(page, email, PASSWORD)
    assert "/compte/connexion/" in page.url  # the account is gone: signing in fails


def test_a_keyboard_user_signs_in_and_reads_notifications_with_tab_and_enter_only(browsers, live_site):
    account = live_site.accounts["neighbour"]
    live_site.remote("notify", email=account["email"], title="Réunion de quartier jeudi")
    page = browsers.page()
    page.goto("/")

    def focused() -> str:
        return page.evaluate(
            "() => { const e = document.activeElement; return (e.innerText || e.value || e.name || '').trim(); }"
        )

    def tab_to(text: str, limit: int = 40) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if focused().startswith(text):
                return
        raise AssertionError(f"Tab never reached {text!r}")

    page.keyboard.press("Tab")
    assert focused() == "Aller au contenu"  # the skip link comes first
    tab_to("Se connecter")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The e-mail field has the focus on arrival (wait for it: keys typed before it lands are lost).
    expect(page.get_by_label("Adresse e-mail")).to_be_focused()
    page.keyboard.type(account["email"])
    page.keyboard.press("Tab")
    page.keyboard.type(account["password"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to("Notifications")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("link", name="Réunion de quartier jeudi").is_visible()
    tab_to("Tout marquer comme lu")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("[data-unread-count]").inner_text().strip() == ""
    # Focus is visible wherever it lands: the outline is drawn.
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
