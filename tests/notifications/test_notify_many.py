"""notify_many(): the notifications of one event go out together, each to its own user only."""

import pytest
from asgiref.sync import sync_to_async

from solidarite.notifications.models import Notification
from solidarite.notifications.services import notify_many
from tests.factories import NotificationFactory
from tests.sockets import connected, receive, session_cookie

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def test_each_user_receives_their_own_notification_with_their_unread_count(user, other_user):
    await sync_to_async(NotificationFactory)(user=other_user, title="Déjà là")
    mine = await connected(await sync_to_async(session_cookie)(user))
    theirs = await connected(await sync_to_async(session_cookie)(other_user))

    saved = await sync_to_async(notify_many)(
        [(user, "test", {"title": "Pour vous"}), (other_user, "test", {"title": "Pour l'autre"})]
    )

    mine_message, theirs_message = await receive(mine), await receive(theirs)
    assert (mine_message["id"], mine_message["title"], mine_message["unread"]) == (saved[0].id, "Pour vous", 1)
    assert (theirs_message["id"], theirs_message["title"], theirs_message["unread"]) == (
        saved[1].id,
        "Pour l'autre",
        2,
    )
    assert await mine.receive_nothing(timeout=0.5)
    assert await theirs.receive_nothing(timeout=0.5)
    await mine.disconnect()
    await theirs.disconnect()


async def test_a_batch_reaches_each_socket_in_order(user):
    """On Redis a whole batch is queued by one script: the messages must keep their order."""
    cookie = await sync_to_async(session_cookie)(user)
    first, second = await connected(cookie), await connected(cookie)

    saved = await sync_to_async(notify_many)([(user, "test", {"title": f"n°{i}"}) for i in range(15)])

    for socket in (first, second):
        assert [(await receive(socket))["id"] for _ in saved] == [n.id for n in saved]
        assert await socket.receive_nothing(timeout=0.3)
        await socket.disconnect()


async def test_quiet_notifications_wait_in_the_page_without_a_push(user):
    socket = await connected(await sync_to_async(session_cookie)(user))

    await sync_to_async(notify_many)([(user, "test", {"title": "Plus tard"})], push=False)

    assert await socket.receive_nothing(timeout=0.5)
    assert await Notification.objects.filter(user=user, title="Plus tard", read_at__isnull=True).aexists()
    await socket.disconnect()


async def test_pushes_the_layer_refuses_are_dropped_then_replayed_on_reconnect(user, monkeypatch):
    """One batch is one script on Redis: it goes out whole or not at all. When it cannot, posting
    still succeeds, and the browser gets the notifications when its socket comes back."""
    from channels.layers import get_channel_layer

    socket = await connected(await sync_to_async(session_cookie)(user))

    async def redis_away(messages):
        raise ConnectionError("redis away")

    monkeypatch.setattr(get_channel_layer(), "group_send_many", redis_away)
    saved = await sync_to_async(notify_many)(
        [(user, "test", {"title": "Première"}), (user, "test", {"title": "Seconde"})]
    )

    assert await socket.receive_nothing(timeout=0.5)
    await socket.disconnect()
    monkeypatch.undo()
    back = await connected(await sync_to_async(session_cookie)(user), path="/ws/?last_id=0")
    replayed = [await receive(back), await receive(back)]
    assert [(m["id"], m["title"]) for m in replayed] == [(saved[0].id, "Première"), (saved[1].id, "Seconde")]
    assert (await receive(back))["type"] == "replayed"
    await back.disconnect()
