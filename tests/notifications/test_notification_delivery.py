"""notify() persists, then reaches the sockets of that user, and of nobody else."""

import pytest
from asgiref.sync import sync_to_async

from solidarite.notifications import realtime
from solidarite.notifications.models import Notification
from solidarite.notifications.services import notify
from tests.factories import NotificationFactory
from tests.sockets import connected, receive, session_cookie

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def test_a_notification_reaches_the_users_open_socket_after_commit(user):
    socket = await connected(await sync_to_async(session_cookie)(user))

    saved = await sync_to_async(notify)(
        user, "test", {"title": "Une voisine peut vous aider", "body": "à 600 m", "url": "/aide/1/"}
    )

    message = await receive(socket)
    assert message["type"] == "notification"
    assert message["id"] == saved.id
    assert (message["kind"], message["title"], message["body"], message["url"]) == (
        "test",
        "Une voisine peut vous aider",
        "à 600 m",
        "/aide/1/",
    )
    assert message["unread"] == 1
    await socket.disconnect()


async def test_nothing_is_pushed_before_the_transaction_commits(user):
    socket = await connected(await sync_to_async(session_cookie)(user))

    def notify_then_roll_back():
        from django.db import transaction

        with transaction.atomic():
            notify(user, "test", {"title": "Jamais envoyée"})
            transaction.set_rollback(True)

    await sync_to_async(notify_then_roll_back)()

    assert await socket.receive_nothing(timeout=0.5)
    assert not await Notification.objects.filter(user=user).aexists()
    await socket.disconnect()


async def test_another_users_socket_receives_nothing(user, other_user):
    mine = await connected(await sync_to_async(session_cookie)(user))
    theirs = await connected(await sync_to_async(session_cookie)(other_user))

    await sync_to_async(notify)(user, "test", {"title": "Pour vous seulement"})

    assert (await receive(mine))["title"] == "Pour vous seulement"
    assert await theirs.receive_nothing(timeout=0.5)
    await mine.disconnect()
    await theirs.disconnect()


async def test_every_tab_of_the_user_receives_the_notification(user):
    cookie = await sync_to_async(session_cookie)(user)
    tabs = [await connected(cookie), await connected(cookie)]

    saved = await sync_to_async(notify)(user, "test", {"title": "Deux onglets"})

    for tab in tabs:
        assert (await receive(tab))["id"] == saved.id
        await tab.disconnect()


async def test_a_late_commit_with_a_lower_id_is_still_delivered(user):
    """Two transactions may commit in the reverse order of their ids: neither push is lost."""
    socket = await connected(await sync_to_async(session_cookie)(user))
    first = await sync_to_async(NotificationFactory)(user=user, title="Commencée avant")
    second = await sync_to_async(NotificationFactory)(user=user, title="Validée avant")

    await sync_to_async(realtime.push_notification)(second, unread=2)
    await sync_to_async(realtime.push_notification)(first, unread=2)

    assert [(await receive(socket))["id"], (await receive(socket))["id"]] == [second.id, first.id]
    await socket.disconnect()


async def test_a_push_already_delivered_is_not_delivered_twice(user):
    socket = await connected(await sync_to_async(session_cookie)(user))
    saved = await sync_to_async(notify)(user, "test", {"title": "Une fois"})
    assert (await receive(socket))["id"] == saved.id

    await sync_to_async(realtime.push_notification)(saved, unread=1)

    assert await socket.receive_nothing(timeout=0.5)
    await socket.disconnect()
