"""Messages from the browser: mark read, and bad input that must not bring the socket down."""

import pytest
from asgiref.sync import sync_to_async

from solidarite.notifications.models import Notification
from tests.factories import NotificationFactory
from tests.sockets import connected, receive, session_cookie

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def test_mark_read_updates_the_database_and_the_users_other_tabs(user):
    first, second, third = [await sync_to_async(NotificationFactory)(user=user) for _ in range(3)]
    cookie = await sync_to_async(session_cookie)(user)
    other_session = await sync_to_async(session_cookie)(user)
    tab, other_tab, other_browser = await connected(cookie), await connected(cookie), await connected(other_session)

    await tab.send_json_to({"type": "mark_read", "ids": [first.id, second.id]})

    for socket in (other_tab, other_browser, tab):
        assert await receive(socket) == {"type": "unread", "count": 1}
        await socket.disconnect()
    unread = Notification.objects.filter(user=user, read_at__isnull=True).values_list("id", flat=True)
    assert [i async for i in unread] == [third.id]


async def test_mark_all_read(user):
    for _ in range(2):
        await sync_to_async(NotificationFactory)(user=user)
    socket = await connected(await sync_to_async(session_cookie)(user))

    await socket.send_json_to({"type": "mark_read", "all": True})

    assert await receive(socket) == {"type": "unread", "count": 0}
    assert not await Notification.objects.filter(user=user, read_at__isnull=True).aexists()
    await socket.disconnect()


async def test_mark_read_cannot_touch_another_users_notifications(user, other_user):
    theirs = await sync_to_async(NotificationFactory)(user=other_user)
    socket = await connected(await sync_to_async(session_cookie)(user))

    await socket.send_json_to({"type": "mark_read", "ids": [theirs.id]})

    assert await receive(socket) == {"type": "unread", "count": 0}
    await theirs.arefresh_from_db()
    assert theirs.read_at is None
    await socket.disconnect()


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("{pas du json", "bad_json"),
        ("[1, 2]", "bad_message"),
        ('{"no": "type"}', "bad_message"),
        ('{"type": 3}', "bad_message"),
        ('{"type": "delete_everything"}', "unknown_type"),
        ('{"type": "mark_read", "ids": "1,2"}', "bad_message"),
        ('{"type": "mark_read", "ids": []}', "bad_message"),
        ('{"type": "mark_read", "ids": [true]}', "bad_message"),
        ('{"type": "mark_read", "ids": [' + ",".join(["1"] * 501) + "]}", "bad_message"),
    ],
    ids=[
        *("not-json", "not-object", "no-type", "type-not-text", "unknown"),
        *("ids-text", "ids-empty", "ids-bool", "ids-501"),
    ],
)
async def test_a_bad_message_gets_an_error_frame_and_the_socket_stays_open(user, frame, code):
    socket = await connected(await sync_to_async(session_cookie)(user))

    await socket.send_to(text_data=frame)
    answer = await receive(socket)
    assert answer["type"] == "error"
    assert answer["code"] == code
    assert answer["message"]  # a sentence for people, in French by default

    await socket.send_json_to({"type": "ping"})
    assert await receive(socket) == {"type": "pong"}
    await socket.disconnect()


async def test_an_oversized_message_is_refused_with_an_error_frame(user, settings):
    socket = await connected(await sync_to_async(session_cookie)(user))
    padding = "x" * settings.WEBSOCKET_MAX_MESSAGE_BYTES

    await socket.send_to(text_data='{"type": "ping", "pad": "' + padding + '"}')
    answer = await receive(socket)
    assert (answer["type"], answer["code"]) == ("error", "too_large")

    await socket.send_json_to({"type": "ping"})
    assert await receive(socket) == {"type": "pong"}
    await socket.disconnect()


async def test_a_binary_frame_is_read_as_text(user):
    socket = await connected(await sync_to_async(session_cookie)(user))
    await socket.send_to(bytes_data=b'{"type": "ping"}')
    assert await receive(socket) == {"type": "pong"}
    await socket.send_to(bytes_data=b"\xff\xfe")
    assert (await receive(socket))["code"] == "bad_json"
    await socket.disconnect()


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
async def test_a_socket_may_follow_only_so_many_feeds(monkeypatch, user, signed_in):
    from solidarite.notifications import consumers, feeds

    monkeypatch.setattr(consumers, "MAX_FEEDS", 2)
    feeds.register_feed(feeds.Feed("test-many", public=True))
    try:
        socket = await connected(await sync_to_async(session_cookie)(user) if signed_in else None)
        for key in ("a", "b"):
            await socket.send_json_to({"type": "subscribe", "feed": "test-many", "key": key})
            assert (await receive(socket))["type"] == "subscribed"
        await socket.send_json_to({"type": "subscribe", "feed": "test-many", "key": "c"})
        assert (await receive(socket))["code"] == "too_many_feeds"
        await socket.disconnect()
    finally:
        feeds.unregister_feed("test-many")


def test_sent_ids_stay_bounded_and_still_answer_for_old_ids():
    from solidarite.notifications.consumers import SentIds

    sent = SentIds(keep=10)
    for notification_id in [*range(1, 30), 45]:
        sent.add(notification_id)

    assert len(sent.ids) <= 10
    assert all(notification_id in sent for notification_id in [*range(1, 30), 45])
    assert 30 not in sent and 44 not in sent
