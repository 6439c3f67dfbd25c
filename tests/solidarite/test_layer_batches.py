"""The Redis layer takes a process's messages in batches: in order, each once, none lost when a
receive is interrupted mid-way (needs Redis: the second pass of the test suite)."""

import asyncio
import os
import uuid

import pytest

from solidarite.channel_layer import RECEIVE_LUA, RedisChannelLayer

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL)")


@pytest.fixture
async def layer():
    layer = RedisChannelLayer(hosts=[os.environ["REDIS_URL"]], prefix=f"test-batches-{uuid.uuid4().hex[:8]}")
    yield layer
    await layer.flush()


async def received(layer, channel, n):
    return [(await asyncio.wait_for(layer.receive(channel), 5))["n"] for _ in range(n)]


async def test_messages_sent_to_several_groups_arrive_in_order_once(layer):
    first, second = await layer.new_channel(), await layer.new_channel()
    await layer.group_add("a", first)
    await layer.group_add("b", second)
    await layer.group_add("b", first)

    await layer.group_send_many([(group, {"type": "t", "n": i}) for i, group in enumerate("abab")])

    assert await received(layer, first, 4) == [0, 1, 2, 3]
    assert await received(layer, second, 2) == [1, 3]
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(layer.receive(first), 0.3)


async def test_messages_taken_by_an_interrupted_receive_are_delivered_once(layer):
    channel = await layer.new_channel()
    for i in range(4):
        await layer.send(channel, {"type": "t", "n": i})
    key = layer.prefix + layer.non_local_name(channel)
    # A receive whose socket closed after Redis answered: three messages sit in the backup only.
    connection = layer.connection(layer.consistent_hash(channel))
    await connection.eval(RECEIVE_LUA, 2, key, layer._backup_channel_name(key), 3)

    assert await received(layer, channel, 4) == [0, 1, 2, 3]
    await layer.send(channel, {"type": "t", "n": 4})
    assert await received(layer, channel, 1) == [4]  # the batch handed over is not given again
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(layer.receive(channel), 0.3)


async def test_sockets_joining_at_once_are_all_members_and_leave_the_same_way(layer):
    channels = [await layer.new_channel() for _ in range(50)]
    await asyncio.gather(*(layer.group_add_many([f"user.{i}", "everyone"], c) for i, c in enumerate(channels)))

    connection = layer.connection(0)
    assert await connection.zcard(layer._group_key("everyone")) == 50
    assert await connection.ttl(layer._group_key("user.7")) > 0  # joined groups expire like channels_redis'
    await layer.group_send_many([("user.7", {"type": "t", "n": 7})])
    assert await received(layer, channels[7], 1) == [7]

    await asyncio.gather(*(layer.group_discard_many([f"user.{i}", "everyone"], c) for i, c in enumerate(channels)))
    assert await connection.zcard(layer._group_key("everyone")) == 0


async def test_a_failed_round_trip_fails_every_socket_that_joined_in_it(layer, monkeypatch):
    channels = [await layer.new_channel() for _ in range(3)]
    pipeline = type(layer.connection(0).pipeline())

    async def redis_away(self):
        raise ConnectionError("Redis est parti")

    monkeypatch.setattr(pipeline, "execute", redis_away)
    results = await asyncio.gather(*(layer.group_add_many(["g"], c) for c in channels), return_exceptions=True)

    assert [type(r) for r in results] == [ConnectionError] * 3
