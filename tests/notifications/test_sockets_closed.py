"""Signing out, a new password, a suspension or an erased account close the sockets concerned."""

import pytest
from asgiref.sync import sync_to_async
from django.urls import reverse

from solidarite.accounts import services
from tests.conftest import PASSWORD
from tests.sockets import closed_code, communicator, connected, receive, refusal_code, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CLOSE_FORBIDDEN = 4403  # live.js does not reconnect after this code


async def test_logout_closes_the_sockets_of_that_session_only(user):
    browser, cookie = await sync_to_async(sign_in)(user)
    _, other_cookie = await sync_to_async(sign_in)(user)
    tab1, tab2, elsewhere = await connected(cookie), await connected(cookie), await connected(other_cookie)

    response = await sync_to_async(browser.post)(reverse("accounts:logout"))
    assert response.status_code == 302

    assert await closed_code(tab1) == CLOSE_FORBIDDEN
    assert await closed_code(tab2) == CLOSE_FORBIDDEN
    await elsewhere.send_json_to({"type": "ping"})
    assert await receive(elsewhere) == {"type": "pong"}
    await elsewhere.disconnect()


async def test_after_logout_the_old_cookie_opens_only_an_anonymous_socket(user):
    browser, cookie = await sync_to_async(sign_in)(user)
    await sync_to_async(browser.post)(reverse("accounts:logout"))

    socket = await connected(cookie)
    await socket.send_json_to({"type": "replay", "last_id": 0})
    assert (await receive(socket))["code"] == "forbidden"
    await socket.disconnect()


async def test_a_password_change_closes_every_socket_of_the_user(user, other_user):
    browser, cookie = await sync_to_async(sign_in)(user)
    _, other_cookie = await sync_to_async(sign_in)(user)
    _, someone_else = await sync_to_async(sign_in)(other_user)
    here, elsewhere, unrelated = await connected(cookie), await connected(other_cookie), await connected(someone_else)

    new_password = "un-nouveau-mot-de-passe-2026"
    response = await sync_to_async(browser.post)(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302

    assert await closed_code(here) == CLOSE_FORBIDDEN
    assert await closed_code(elsewhere) == CLOSE_FORBIDDEN
    await unrelated.send_json_to({"type": "ping"})
    assert await receive(unrelated) == {"type": "pong"}
    await unrelated.disconnect()


async def test_saving_a_profile_without_a_new_password_keeps_the_sockets(user):
    _, cookie = await sync_to_async(sign_in)(user)
    socket = await connected(cookie)

    await sync_to_async(services.update_profile)(user=user, contact_note="Plutôt le matin")

    assert (await receive(socket))["kind"] == "accounts.profile_updated"
    await socket.send_json_to({"type": "ping"})
    assert await receive(socket) == {"type": "pong"}
    await socket.disconnect()


async def test_a_suspension_tells_the_user_then_closes_all_their_sockets(user, staff):
    _, cookie = await sync_to_async(sign_in)(user)
    _, other_cookie = await sync_to_async(sign_in)(user)
    sockets = [await connected(cookie), await connected(other_cookie)]

    await sync_to_async(services.suspend)(user=user, by=staff, reason="Propos injurieux")

    for socket in sockets:
        assert (await receive(socket))["kind"] == "accounts.suspended"
        assert await closed_code(socket) == CLOSE_FORBIDDEN
    # The session is still valid, but a suspended person cannot open a new socket: accepted, then
    # closed with the code live.js does not retry (this used to be refused before accepting).
    assert await refusal_code(communicator(cookie)) == CLOSE_FORBIDDEN


async def test_erasing_the_account_closes_all_its_sockets(user):
    _, cookie = await sync_to_async(sign_in)(user)
    _, other_cookie = await sync_to_async(sign_in)(user)
    sockets = [await connected(cookie), await connected(other_cookie)]

    await sync_to_async(services.erase_account)(user=user)

    for socket in sockets:
        assert await closed_code(socket) == CLOSE_FORBIDDEN
