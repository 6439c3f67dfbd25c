"""Who may open /ws/ and which groups a socket may join."""

import pytest
from asgiref.sync import sync_to_async

from solidarite.notifications import feeds, realtime
from solidarite.notifications.feeds import Feed
from tests.factories import UserFactory
from tests.sockets import communicator, connected, receive, refusal_code, session_cookie

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def test_feeds(user):
    """A public feed and a private one that only ``user`` may join (for key "42")."""
    feeds.register_feed(Feed("test-public", public=True))
    feeds.register_feed(Feed("test-private", can_join=lambda who, key: who.pk == user.pk and key == "42"))
    yield
    feeds.unregister_feed("test-public")
    feeds.unregister_feed("test-private")


async def test_a_signed_in_user_connects():
    user = await sync_to_async(UserFactory)()
    socket = await connected(await sync_to_async(session_cookie)(user))
    await socket.send_json_to({"type": "ping"})
    assert await receive(socket) == {"type": "pong"}
    await socket.disconnect()


@pytest.mark.parametrize(
    "origin", ["https://evil.example", "https://solidarite.test.evil.example", "null", None], ids=str
)
async def test_a_socket_from_another_origin_is_refused(user, origin):
    socket = communicator(await sync_to_async(session_cookie)(user), origin=origin)
    ok, _ = await socket.connect()
    assert not ok


async def test_the_origin_check_follows_allowed_hosts(user, settings):
    settings.ALLOWED_HOSTS = ["autre-ville.test"]
    refused = communicator(await sync_to_async(session_cookie)(user))
    assert not (await refused.connect())[0]
    allowed = communicator(await sync_to_async(session_cookie)(user), origin="https://autre-ville.test")
    assert (await allowed.connect())[0]
    await allowed.disconnect()


async def test_a_suspended_user_cannot_connect():
    suspended = await sync_to_async(UserFactory)(suspended=True)
    socket = communicator(await sync_to_async(session_cookie)(suspended))
    # Accepted, then closed with 4403: the page's script reads the code and does not come back.
    assert await refusal_code(socket) == 4403


async def test_anonymous_sockets_get_no_notifications_and_no_replay(user):
    socket = await connected(None, path="/ws/?last_id=0")
    await socket.send_json_to({"type": "replay", "last_id": 0})
    assert (await receive(socket))["code"] == "forbidden"
    await socket.send_json_to({"type": "mark_read", "all": True})
    assert (await receive(socket))["code"] == "forbidden"
    await socket.disconnect()


async def test_anonymous_socket_may_join_a_public_feed_and_receives_its_events(test_feeds):
    socket = await connected(None)
    await socket.send_json_to({"type": "subscribe", "feed": "test-public", "key": "reze"})
    assert await receive(socket) == {"type": "subscribed", "feed": "test-public", "key": "reze"}

    await sync_to_async(realtime.push_feed_event)("test-public", "reze", "created", {"id": 7})

    assert await receive(socket) == {
        "type": "feed",
        "feed": "test-public",
        "key": "reze",
        "event": "created",
        "data": {"id": 7},
    }
    await socket.disconnect()


async def test_anonymous_socket_is_refused_a_private_feed_and_gets_none_of_its_events(test_feeds):
    socket = await connected(None)
    await socket.send_json_to({"type": "subscribe", "feed": "test-private", "key": "42"})
    message = await receive(socket)
    assert (message["type"], message["code"]) == ("error", "forbidden")

    await sync_to_async(realtime.push_feed_event)("test-private", "42", "message", {"text": "privé"})

    assert await socket.receive_nothing(timeout=0.5)
    await socket.disconnect()


async def test_a_private_feed_admits_only_whom_can_join_allows(user, other_user, test_feeds):
    allowed = await connected(await sync_to_async(session_cookie)(user))
    refused = await connected(await sync_to_async(session_cookie)(other_user))
    await allowed.send_json_to({"type": "subscribe", "feed": "test-private", "key": "42"})
    await refused.send_json_to({"type": "subscribe", "feed": "test-private", "key": "42"})
    assert (await receive(allowed))["type"] == "subscribed"
    assert (await receive(refused))["code"] == "forbidden"

    await sync_to_async(realtime.push_feed_event)("test-private", "42", "message", {"text": "bonjour"})

    assert (await receive(allowed))["data"] == {"text": "bonjour"}
    assert await refused.receive_nothing(timeout=0.5)
    await allowed.disconnect()
    await refused.disconnect()


async def test_unsubscribe_stops_the_feed_events(test_feeds):
    socket = await connected(None)
    await socket.send_json_to({"type": "subscribe", "feed": "test-public", "key": ""})
    assert (await receive(socket))["type"] == "subscribed"
    await socket.send_json_to({"type": "unsubscribe", "feed": "test-public", "key": ""})
    await socket.send_json_to({"type": "ping"})
    assert (await receive(socket))["type"] == "pong"

    await sync_to_async(realtime.push_feed_event)("test-public", "", "created", {})

    assert await socket.receive_nothing(timeout=0.5)
    await socket.disconnect()


@pytest.mark.parametrize(
    "message",
    [
        {"type": "subscribe", "feed": "nope"},
        {"type": "subscribe", "feed": "test-public", "key": "../x"},
        {"type": "subscribe", "feed": "test-public", "key": 3},
        {"type": "subscribe", "feed": ["test-public"]},
    ],
    ids=["unknown", "bad-key", "key-not-text", "feed-not-text"],
)
async def test_subscribing_to_an_unknown_feed_or_a_bad_key_is_an_error(test_feeds, message):
    socket = await connected(None)
    await socket.send_json_to(message)
    answer = await receive(socket)
    assert (answer["type"], answer["code"]) == ("error", "unknown_feed")
    assert answer["message"]
    await socket.disconnect()


async def test_a_failing_can_join_refuses_without_closing_the_socket(user):
    def broken(who, key):
        raise ValueError("bug in an app")

    feeds.register_feed(Feed("test-broken", can_join=broken))
    try:
        socket = await connected(await sync_to_async(session_cookie)(user))
        await socket.send_json_to({"type": "subscribe", "feed": "test-broken", "key": "1"})
        assert (await receive(socket))["code"] == "forbidden"
        await socket.send_json_to({"type": "ping"})
        assert (await receive(socket))["type"] == "pong"
        await socket.disconnect()
    finally:
        feeds.unregister_feed("test-broken")


def test_a_feed_name_that_cannot_be_a_group_name_is_refused_at_registration():
    with pytest.raises(ValueError):
        feeds.register_feed(Feed("Aide publique!", public=True))
    with pytest.raises(ValueError):
        feeds.register_feed(Feed("private-without-rule"))
