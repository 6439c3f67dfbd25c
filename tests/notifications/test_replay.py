"""A socket that comes back gets what it missed since the last id it saw: in order, once."""

import asyncio

import pytest
from asgiref.sync import sync_to_async

from solidarite.notifications import realtime
from tests.factories import NotificationFactory, UserFactory
from tests.sockets import connected, receive, receive_until, session_cookie

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def missed_while_offline(user, count: int):
    """Notifications persisted while no socket was open (their pushes reached nobody)."""
    return [NotificationFactory(user=user, title=f"Manquée {n}") for n in range(count)]


async def test_connecting_with_last_id_replays_what_was_missed_in_order(user, other_user):
    seen, *missed = await sync_to_async(missed_while_offline)(user, 4)
    await sync_to_async(NotificationFactory)(user=other_user)

    socket = await connected(await sync_to_async(session_cookie)(user), path=f"/ws/?last_id={seen.id}")
    messages = await receive_until(socket, "replayed")

    assert [m["id"] for m in messages[:-1]] == [n.id for n in missed]
    assert {m["type"] for m in messages[:-1]} == {"notification"}
    assert messages[-1] == {"type": "replayed", "last_id": missed[-1].id, "unread": 4}
    assert await socket.receive_nothing(timeout=0.3)
    await socket.disconnect()


async def test_the_replay_message_sends_what_was_missed_once(user):
    missed = await sync_to_async(missed_while_offline)(user, 3)
    socket = await connected(await sync_to_async(session_cookie)(user))

    await socket.send_json_to({"type": "replay", "last_id": 0})
    first = await receive_until(socket, "replayed")
    await socket.send_json_to({"type": "replay", "last_id": 0})
    second = await receive_until(socket, "replayed")

    assert [m["id"] for m in first[:-1]] == [n.id for n in missed]
    assert second == [{"type": "replayed", "last_id": missed[-1].id, "unread": 3}]
    await socket.disconnect()


async def test_a_replay_spanning_several_batches_stays_in_order(user, monkeypatch):
    from solidarite.notifications import consumers

    monkeypatch.setattr(consumers, "REPLAY_BATCH", 2)
    missed = await sync_to_async(missed_while_offline)(user, 5)
    socket = await connected(await sync_to_async(session_cookie)(user), path="/ws/?last_id=0")

    messages = await receive_until(socket, "replayed")

    assert [m["id"] for m in messages[:-1]] == [n.id for n in missed]
    await socket.disconnect()


async def test_a_push_racing_with_a_replay_is_delivered_once(user):
    missed = await sync_to_async(missed_while_offline)(user, 3)
    socket = await connected(await sync_to_async(session_cookie)(user))

    # The replay request and the pushes of the same notifications are in flight together.
    await socket.send_json_to({"type": "replay", "last_id": 0})
    await asyncio.gather(*(sync_to_async(realtime.push_notification)(n, unread=3) for n in missed))
    messages = await receive_until(socket, "replayed")
    messages += [await receive(socket) for _ in range(3 - (len(messages) - 1))]

    ids = [m["id"] for m in messages if m["type"] == "notification"]
    assert sorted(ids) == [n.id for n in missed]
    assert await socket.receive_nothing(timeout=0.5)
    await socket.disconnect()


async def test_pushes_already_delivered_are_not_replayed(user):
    socket = await connected(await sync_to_async(session_cookie)(user))
    delivered = await sync_to_async(NotificationFactory)(user=user)
    await sync_to_async(realtime.push_notification)(delivered, unread=1)
    assert (await receive(socket))["id"] == delivered.id
    later = await sync_to_async(NotificationFactory)(user=user)

    await socket.send_json_to({"type": "replay", "last_id": 0})
    messages = await receive_until(socket, "replayed")

    assert [m["id"] for m in messages[:-1]] == [later.id]
    await socket.disconnect()


@pytest.mark.parametrize("last_id", ["-1", "abc", "", "1e3"])
async def test_a_bad_last_id_in_the_url_replays_nothing_and_keeps_the_socket(user, last_id):
    await sync_to_async(missed_while_offline)(user, 1)
    socket = await connected(await sync_to_async(session_cookie)(user), path=f"/ws/?last_id={last_id}")
    await socket.send_json_to({"type": "ping"})
    assert await receive(socket) == {"type": "pong"}
    await socket.disconnect()


@pytest.mark.parametrize("last_id", [-1, "abc", None, True, [1]])
async def test_a_bad_last_id_in_a_replay_message_is_an_error(last_id):
    user = await sync_to_async(UserFactory)()
    socket = await connected(await sync_to_async(session_cookie)(user))
    await socket.send_json_to({"type": "replay", "last_id": last_id})
    answer = await receive(socket)
    assert (answer["type"], answer["code"]) == ("error", "bad_message")
    await socket.disconnect()
