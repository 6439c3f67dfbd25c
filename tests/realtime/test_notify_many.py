"""notify_many(): the notifications of one event go out together, each to its own user only."""

import pytest
from asgiref.sync import sync_to_async

from solidarite.notifications.models import Notification
from solidarite.notifications.services import notify_many
from tests.factories import NotificationFactory, UserFactory
from tests.realtime.conftest import connected, receive, session_cookie

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def test_each_user_receives_their_own_notification_with_their_unread_count(user, other_user):
    await sync_to_async(NotificationFactory)(user=other_user, title="Déjà là")
    mine = await connected(await sync_to_async(session_cookie)(user))
    theirs = await connected(await sync_to_async(session_cookie)(other_user))

    saved = await sync_to_async(notify_many)(
        [(user, "help_match", {"title": "Pour vous"}), (other_user, "help_match", {"title": "Pour l'autre"})]
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


async def test_quiet_notifications_wait_in_the_page_without_a_push(user):
    socket = await connected(await sync_to_async(session_cookie)(user))

    await sync_to_async(notify_many)([(user, "help_match_quiet", {"title": "Plus tard"})], push=False)

    assert await socket.receive_nothing(timeout=0.5)
    assert await Notification.objects.filter(user=user, title="Plus tard", read_at__isnull=True).aexists()
    await socket.disconnect()


async def test_a_user_past_a_failed_push_still_gets_theirs(user, monkeypatch):
    """One group_send failing (a Redis hiccup) drops only that push; the others go out."""
    from channels.layers import get_channel_layer

    socket = await connected(await sync_to_async(session_cookie)(user))
    layer = get_channel_layer()
    real_send = layer.group_send
    stranger = await sync_to_async(UserFactory)()

    async def flaky_send(group, message):
        if group == f"user.{stranger.pk}":
            raise ConnectionError("redis hiccup")
        await real_send(group, message)

    monkeypatch.setattr(layer, "group_send", flaky_send)
    await sync_to_async(notify_many)(
        [(stranger, "test", {"title": "Perdue en route"}), (user, "test", {"title": "Bien arrivée"})]
    )

    assert (await receive(socket))["title"] == "Bien arrivée"
    assert await Notification.objects.filter(user=stranger, title="Perdue en route").aexists()
    await socket.disconnect()
