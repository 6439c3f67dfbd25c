"""A burst of handshakes does not queue behind asgiref's one shared sync thread.

When that thread is busy (a slow page, a thousand handshakes before this one), a browser's
socket must still be signed in and accepted: the session and user lookup runs in the thread
pool, and the consumer adds no hop through that thread per message.
"""

import asyncio
import threading

import pytest
from asgiref.sync import sync_to_async

from tests.factories import UserFactory
from tests.sockets import TIMEOUT, communicator, connected, receive, refusal_code, session_cookie

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
async def busy_sync_thread():
    """Hold asgiref's shared sync thread (thread_sensitive=True) until the test ends."""
    release = threading.Event()
    holding = asyncio.ensure_future(sync_to_async(release.wait, thread_sensitive=True)(TIMEOUT * 4))
    await asyncio.sleep(0.05)  # the thread has picked the task up
    yield
    release.set()
    await holding


async def test_sockets_sign_in_and_answer_while_the_shared_sync_thread_is_busy(busy_sync_thread):
    users = [await sync_to_async(UserFactory, thread_sensitive=False)() for _ in range(3)]
    cookies = [await sync_to_async(session_cookie, thread_sensitive=False)(user) for user in users]
    sockets = await asyncio.gather(*(connected(cookie) for cookie in cookies))
    for socket in sockets:
        await socket.send_json_to({"type": "ping"})
        assert await receive(socket) == {"type": "pong"}
    await asyncio.gather(*(socket.disconnect() for socket in sockets))


async def test_a_session_from_before_a_password_change_is_still_refused(busy_sync_thread):
    def stale_cookie():
        user = UserFactory()
        cookie = session_cookie(user)
        user.set_password("un-nouveau-mot-de-passe-solide")
        user.save()
        return cookie

    socket = communicator(await sync_to_async(stale_cookie, thread_sensitive=False)())
    ok, _ = await socket.connect(timeout=TIMEOUT)
    # Anonymous: accepted, but no replay and no notifications of the former session's owner.
    assert ok
    await socket.send_json_to({"type": "replay", "last_id": 0})
    assert (await receive(socket))["code"] == "forbidden"
    await socket.disconnect()


async def test_a_suspended_user_is_still_closed_while_the_shared_sync_thread_is_busy(busy_sync_thread):
    user = await sync_to_async(UserFactory, thread_sensitive=False)(suspended=True)
    socket = communicator(await sync_to_async(session_cookie, thread_sensitive=False)(user))
    assert await refusal_code(socket) == 4403
