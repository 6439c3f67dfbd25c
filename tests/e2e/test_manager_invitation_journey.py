"""A manager invites someone who has no account yet: they sign up from the e-mail, come back, accept.

Run with and without JavaScript (these pages promise to work without it); every page on the way passes axe
(checked in the JavaScript run: axe is a script, and the server sends the same HTML to both).
"""

import re
import uuid

import pytest

from tests.e2e.helpers import axe_violations, sign_in

ASSOCIATION = "/associations/secours-solidaire-rezeen/"
PASSWORD = "un-mot-de-passe-bien-long-2026"


def no_axe_violations(page, javascript: bool) -> bool:
    return not javascript or axe_violations(page) == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_an_invited_newcomer_signs_up_from_the_link_and_becomes_manager(browsers, live_site, javascript):
    account = live_site.accounts["association manager"]
    suffix = uuid.uuid4().hex[:8]  # the live site is shared by both runs
    email, name = f"invitee-{suffix}@exemple.fr", f"Nadia {suffix}"
    manager = browsers.page(javascript=javascript)
    sign_in(manager, account["email"], account["password"])
    manager.goto(ASSOCIATION + "responsables/")
    manager.get_by_label("Adresse e-mail de la personne").fill(email)
    with manager.expect_navigation():
        manager.get_by_role("button", name="Envoyer l'invitation").click()
    assert manager.get_by_text(f"Invitation envoyée à {email}.").is_visible()
    assert manager.locator("table tbody th", has_text=email).count() == 1
    assert no_axe_violations(manager, javascript)

    [invitation_mail] = live_site.mails_to(email)
    link = re.search(r"http://\S+/invitations/\S+/", invitation_mail).group(0)
    newcomer = browsers.page(javascript=javascript)
    newcomer.goto(link)
    assert no_axe_violations(newcomer, javascript)
    with newcomer.expect_navigation():
        newcomer.locator("main").get_by_role("link", name="Créer un compte").click()
    newcomer.get_by_label("Votre prénom ou un pseudonyme").fill(name)
    newcomer.get_by_label("Adresse e-mail").fill(email)
    newcomer.get_by_label("Mot de passe").fill(PASSWORD)
    with newcomer.expect_navigation():
        newcomer.locator("main form button[type=submit]").click()
    assert newcomer.get_by_role("heading", level=1).inner_text() == "Vérifiez vos e-mails"

    confirmation = live_site.mails_to(email)[-1]
    newcomer.goto(re.search(r"http://\S+/compte/confirmer/\S+", confirmation).group(0))
    assert newcomer.url == link  # back to the invitation, signed in
    assert newcomer.get_by_text("Martine (Secours solidaire) vous invite").is_visible()
    assert no_axe_violations(newcomer, javascript)
    with newcomer.expect_navigation():
        newcomer.get_by_role("button", name=re.compile("^Accepter")).click()
    assert newcomer.url.endswith(ASSOCIATION)
    assert newcomer.get_by_text("Vous êtes maintenant responsable de « Secours solidaire rézéen ».").is_visible()

    manager.goto(ASSOCIATION + "responsables/")
    assert manager.locator("main ul li", has_text=name).count() == 1
    assert manager.locator("table tbody th", has_text=email).count() == 0
    # The link is used: it says so, with a 4xx, and changes nothing.
    response = newcomer.goto(link)
    assert response.status == 410
    assert newcomer.get_by_text("Cette invitation a déjà été acceptée.").is_visible()
    assert no_axe_violations(newcomer, javascript)
