"""A hung Redis (SIGSTOP: connections open, no answer) never stalls a request.

The measured failure: with Redis frozen, every request that notified someone answered after
~20 s, and the process's few HTTP slots, all held by them, kept a visitor's home page waiting as
long. Here the real ASGI application (with its concurrency limit) serves notifying API requests
and a page while a private redis-server is frozen; after the thaw a socket that reconnects gets
what was notified meanwhile.
"""

import asyncio
import json
import logging
import time
import uuid

import pytest
from asgiref.sync import sync_to_async
from channels.testing import HttpCommunicator
from django.conf import settings as django_settings

from solidarite.accounts.models import ApiToken
from solidarite.asgi import ConcurrencyLimit, django_asgi_app
from solidarite.notifications import consumers
from solidarite.notifications.models import Notification
from solidarite.notifications.services import notify
from tests.factories import UserFactory
from tests.redis_server import needs_redis_server, private_redis_server
from tests.sockets import (
    HOST,
    communicator,
    connected,
    receive,
    receive_until,
    refusal_code,
    sendable,
    session_cookie,
)

pytestmark = needs_redis_server

# "Normal time": what the same request takes with Redis answering, measured first, plus this margin
# (a shared 2-core CI machine). Waiting on the frozen Redis would cost REDIS_SOCKET_TIMEOUT or more.
MARGIN_S = 1.0


@pytest.fixture(scope="module")
def redis_server():
    with private_redis_server() as server:
        yield server


@pytest.fixture
def hung_capable_layer(settings, redis_server):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "solidarite.channel_layer.RedisChannelLayer",
            "CONFIG": {"hosts": [redis_server.url], "prefix": f"solidarite-hung-{uuid.uuid4().hex[:8]}"},
        }
    }
    return redis_server


async def _request(app, method: str, path: str, *, body: bytes = b"", headers=()) -> tuple[int, float]:
    started = time.monotonic()
    headers = [(b"host", HOST.encode()), (b"content-length", str(len(body)).encode()), *headers]
    response = await HttpCommunicator(app, method, path, body=body, headers=headers).get_response(timeout=60)
    return response["status"], time.monotonic() - started


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_pages_and_notifying_requests_answer_in_normal_time_while_redis_hangs(hung_capable_layer, caplog):
    slots = django_settings.HTTP_CONCURRENCY
    users = [await sync_to_async(UserFactory)() for _ in range(slots)]
    secrets = [(await sync_to_async(ApiToken.objects.issue)(user=user, name="test"))[1] for user in users]
    # The process's own limit, on this test's event loop (a semaphore binds to the loop it waits on).
    app = ConcurrencyLimit(django_asgi_app, slots)
    patch_headers = [(b"authorization", f"Bearer {secrets[0]}".encode()), (b"content-type", b"application/json")]
    await _request(app, "GET", "/")  # the first one compiles templates and fills caches
    _, page_normal = await _request(app, "GET", "/")
    _, notifying_normal = await _request(
        app, "PATCH", "/api/v1/me/", body=b'{"phone": "0240000000"}', headers=patch_headers
    )
    await sync_to_async(Notification.objects.all().delete)()

    with caplog.at_level(logging.WARNING), hung_capable_layer.frozen():
        # As many profile changes (each notifies its person) as the process has HTTP slots...
        notifying = [
            asyncio.ensure_future(
                _request(
                    app,
                    "PATCH",
                    "/api/v1/me/",
                    body=json.dumps({"contact_note": f"Le soir {n}"}).encode(),
                    headers=[(b"authorization", f"Bearer {secret}".encode()), (b"content-type", b"application/json")],
                )
            )
            for n, secret in enumerate(secrets)
        ]
        await asyncio.sleep(0.3)
        # ...and meanwhile a visitor opens the home page.
        page_status, page_took = await _request(app, "GET", "/")
        answered = await asyncio.gather(*notifying)
        # The pushes the loop gave up on are logged (at most CHANNEL_LAYER_TIMEOUT after they went).
        await asyncio.sleep(django_settings.CHANNEL_LAYER_TIMEOUT + 0.5)

    assert page_status == 200
    assert page_took < page_normal + MARGIN_S, (page_normal, page_took)
    assert [status for status, _ in answered] == [200] * slots
    # All at once on two cores: each waits for the others' share of the CPU, never for Redis.
    assert max(took for _, took in answered) < slots * notifying_normal + MARGIN_S, (notifying_normal, answered)
    assert "channel layer unreachable" in caplog.text

    # Redis is back: the person's tab reconnects and receives what was notified meanwhile.
    meanwhile = await sync_to_async(list)(Notification.objects.filter(user=users[0]).values_list("id", flat=True))
    assert len(meanwhile) == 1
    socket = await connected(await sync_to_async(session_cookie)(users[0]), path="/ws/?last_id=0")
    replayed = await receive_until(socket, "replayed")
    assert [m["id"] for m in replayed if m["type"] == "notification"] == meanwhile
    await socket.disconnect()


@pytest.mark.django_db
def test_a_push_outside_any_event_loop_gives_up_within_the_layer_timeout(
    hung_capable_layer, user, caplog, settings, django_capture_on_commit_callbacks
):
    """A management command (or any thread no event loop serves) sends itself: within the bound."""
    with caplog.at_level(logging.WARNING), hung_capable_layer.frozen():
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            saved = notify(user, "test", {"title": "Pendant le gel"})
        took = time.monotonic() - started

    assert took < settings.CHANNEL_LAYER_TIMEOUT + 0.5
    assert Notification.objects.filter(pk=saved.pk).exists()
    assert f"push to user.{user.pk} dropped" in caplog.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_a_socket_opened_while_redis_hangs_is_accepted_then_told_to_come_back(hung_capable_layer, user, caplog):
    cookie = await sync_to_async(session_cookie)(user)
    # Each attempt to join waits at most REDIS_SOCKET_TIMEOUT; then short pauses between attempts.
    bound = consumers.JOIN_ATTEMPTS * django_settings.REDIS_SOCKET_TIMEOUT + 2 * consumers.JOIN_RETRY_S + 2.0
    with caplog.at_level(logging.WARNING), hung_capable_layer.frozen():
        started = time.monotonic()
        code = await refusal_code(communicator(cookie, path="/ws/?last_id=0"), timeout=bound)
        took = time.monotonic() - started

    assert code == consumers.CLOSE_TRY_AGAIN
    assert took < bound
    assert "socket of user" in caplog.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_a_socket_whose_redis_goes_away_is_told_to_come_back(hung_capable_layer, user, caplog):
    socket = await connected(await sync_to_async(session_cookie)(user))
    await socket.send_json_to({"type": "ping"})
    assert await receive(socket) == {"type": "pong"}  # answered after connect: its groups are joined
    with caplog.at_level(logging.WARNING):
        hung_capable_layer.stop()  # the socket's receive from Redis fails (after the layer's retries)
        try:
            output = await socket.receive_output(timeout=15)
        finally:
            hung_capable_layer.start()

    # Not an exception inside the application (daphne: an error in the log, 1011 to the browser).
    assert output["type"] == "websocket.close"
    assert sendable(output["code"]) == consumers.CLOSE_TRY_AGAIN
    assert f"socket of user {user.pk} told to come back" in caplog.text
