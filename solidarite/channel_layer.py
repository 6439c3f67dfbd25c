"""The Redis channel layer, with a connection pool chosen on purpose.

channels_redis builds a plain ``redis.asyncio.ConnectionPool``; since redis-py 6 that pool
raises ``MaxConnectionsError`` once ``max_connections`` are checked out instead of waiting,
so a burst of a few hundred sockets joining their groups at once fails. A
``BlockingConnectionPool`` makes the burst queue for a connection instead, and a short
connect timeout keeps an unreachable Redis from stalling the request that pushes.

Second trap: redis-py 8 reads with a 5 s ``socket_timeout`` by default, exactly the time
channels_redis blocks in BZPOPMIN waiting for messages (``brpop_timeout``). When the empty
answer comes back a hair late (a busy event loop, a burst), the read times out and the
exception kills the consumers of the process. The read timeout must exceed that wait. But a
Redis that hangs (frozen, swapping, a network partition that drops packets) answers nothing and
refuses nothing: every command then waits for the read timeout, and a push made with a 10 s one
held its request that long. So each event loop gets two pools: the blocking receive's (read
timeout above its wait) and everyone else's (``REDIS_SOCKET_TIMEOUT``, short).

Third trap: the connect timeout is measured on the event loop. During a burst of handshakes
the loop itself can lag past it while the pool opens its connections, and a failed receive
ends the consumer for good: its socket stays open but deaf. Receiving retries a few times
(nothing was popped when the connection could not be made); a Redis really away still fails.

Fourth, cost: channels_redis' ``group_send`` makes four round trips per group, so a new help
request alerting ten offerers made forty-four, each a turn of the event loop that also serves
every socket. ``group_send_many`` sends any number of groups in two round trips (read the
members of every group, then one script queues every message), with increasing scores so the
messages of one batch reach a socket in the order given.

Fifth, the same on the way in: channels_redis pops the process's messages one at a time, four
round trips each (restore the backup, BZPOPMIN, back it up, clean the backup), and ten alerts
for one process queued behind each other. ``receive_single`` takes everything waiting in one
script and hands it out from memory.

Sixth, joining: a socket joins its person's group and its session's on connect, and channels_redis'
``group_add`` makes two round trips per group (ZADD, then EXPIRE), each taking a connection from the
pool. In a burst of 5,000 sockets (a redeploy, a network blip) that was 20,000 commands from 2,500
consumers per process at once: the pool opened its 200 connections while the event loop lagged
seconds behind, connects timed out (``REDIS_CONNECT_TIMEOUT`` is measured on that loop), the others
waited past ``REDIS_POOL_TIMEOUT``, and 1,847 of 5,000 sockets were told to come back
(bench/ws_burst.py). ``group_add_many`` and ``group_discard_many`` queue their commands on the
loop's ``PipelineBatcher``: everything queued while a round trip is under way goes in the next one,
one pipeline on one pooled connection, so a burst costs a few round trips instead of thousands.
"""

import asyncio
import logging
import time
from collections import deque

from channels.layers import InMemoryChannelLayer as BaseInMemoryChannelLayer
from channels_redis.core import RedisChannelLayer as BaseRedisChannelLayer
from channels_redis.core import RedisLoopLayer
from channels_redis.utils import _close_redis, _wrap_close
from django.conf import settings
from redis import asyncio as aioredis
from redis import exceptions as redis_errors

logger = logging.getLogger(__name__)

# Seconds a read may take beyond channels_redis' own blocking wait.
READ_TIMEOUT_MARGIN_S = 5.0
RECEIVE_ATTEMPTS = 3
RECEIVE_RETRY_S = 0.5
RECEIVE_BATCH = 100  # messages taken off the process's queue at once
PIPELINE_BATCH = 500  # callers (sockets joining or leaving groups) per round trip

# KEYS[1]: the process's channel, KEYS[2]: its backup. ARGV[1]: how many to take; ARGV[2...]: the
# messages of the previous batch, handed over since, to forget. Anything else in the backup was
# taken by a receive interrupted before handing it over (its socket closed): it goes back first.
# What this call takes stays in the backup until the next call says it was handed over.
RECEIVE_LUA = """
if #ARGV > 1 then
    redis.call('ZREM', KEYS[2], unpack(ARGV, 2))
end
local interrupted = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
for i = 1, #interrupted, 2 do
    redis.call('ZADD', KEYS[1], interrupted[i + 1], interrupted[i])
end
redis.call('DEL', KEYS[2])
local taken = redis.call('ZPOPMIN', KEYS[1], ARGV[1])
for i = 1, #taken, 2 do
    redis.call('ZADD', KEYS[2], taken[i + 1], taken[i])
end
return taken
"""

# KEYS: the channel keys; ARGV: one message per key, then one capacity per key, then the time and
# the message expiry. Expired messages are dropped first (what channels_redis does in a separate
# round trip); a full channel loses the new message, as with group_send.
SEND_MANY_LUA = """
local n = #KEYS
local now = tonumber(ARGV[2 * n + 1])
local expiry = tonumber(ARGV[2 * n + 2])
local over_capacity = 0
for i = 1, n do
    redis.call('ZREMRANGEBYSCORE', KEYS[i], 0, now - expiry)
    if redis.call('ZCOUNT', KEYS[i], '-inf', '+inf') < tonumber(ARGV[n + i]) then
        redis.call('ZADD', KEYS[i], now + i / 1000000, ARGV[i])
        redis.call('EXPIRE', KEYS[i], expiry)
    else
        over_capacity = over_capacity + 1
    end
end
return over_capacity
"""


class PipelineBatcher:
    """Commands of many callers on one event loop, sent together: each caller waits for the round
    trip that carried its commands, and what is queued meanwhile goes in the next one.

    For commands whose answers nobody reads (joining and leaving groups): a failure fails every
    caller of its round trip alike, as Redis failing would have failed each of them alone."""

    def __init__(self, connection):
        self.connection = connection
        self.waiting: list[tuple[list[tuple], asyncio.Future]] = []
        self.sender: asyncio.Task | None = None

    async def run(self, commands: list[tuple]) -> None:
        """``commands``: (redis-py pipeline method name, args...) tuples."""
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        self.waiting.append((commands, done))
        if self.sender is None:
            self.sender = loop.create_task(self._send())
        await done

    async def _send(self) -> None:
        batch = []
        try:
            while self.waiting:
                batch = self.waiting[:PIPELINE_BATCH]
                del self.waiting[:PIPELINE_BATCH]
                pipe = self.connection.pipeline(transaction=False)
                for commands, _ in batch:
                    for name, *args in commands:
                        getattr(pipe, name)(*args)
                try:
                    await pipe.execute()
                except Exception as error:
                    for _, done in batch:
                        if not done.done():
                            done.set_exception(error)
                else:
                    for _, done in batch:
                        if not done.done():
                            done.set_result(None)
        finally:
            # Cancelled (the loop is closing): nobody will send what is left.
            self.sender = None
            for _, done in batch + self.waiting:
                if not done.done():
                    done.cancel()
            self.waiting.clear()


class LoopConnections(RedisLoopLayer):
    """channels_redis' connections of one event loop, plus those of the blocking receive and the
    batcher of group joins and leaves."""

    def __init__(self, channel_layer):
        super().__init__(channel_layer)
        self._receiving = {}
        self.batcher = None

    def get_batcher(self) -> PipelineBatcher:
        if self.batcher is None:
            self.batcher = PipelineBatcher(self.get_connection(0))
        return self.batcher

    def get_receive_connection(self, index):
        if index not in self._receiving:
            pool = self.channel_layer.create_pool(index, blocking_reads=True)
            self._receiving[index] = aioredis.Redis(connection_pool=pool)
        return self._receiving[index]

    async def flush(self):
        await super().flush()
        self.batcher = None  # its connection was closed
        async with self._lock:
            for index in list(self._receiving):
                await _close_redis(self._receiving.pop(index))


class RedisChannelLayer(BaseRedisChannelLayer):
    def create_pool(self, index, *, blocking_reads=False):
        host = dict(self.hosts[index])
        if "address" not in host:  # sentinel or host/port dicts: channels_redis' own pools
            return super().create_pool(index)
        address = host.pop("address")
        if blocking_reads:
            wait = self.brpop_timeout + READ_TIMEOUT_MARGIN_S
            host["socket_timeout"] = max(host.get("socket_timeout") or 0, wait)
        else:
            host.setdefault("socket_timeout", settings.REDIS_SOCKET_TIMEOUT)
        return aioredis.BlockingConnectionPool.from_url(
            address,
            max_connections=settings.REDIS_POOL_SIZE,
            timeout=settings.REDIS_POOL_TIMEOUT,
            socket_connect_timeout=settings.REDIS_CONNECT_TIMEOUT,
            **host,
        )

    def _loop_connections(self) -> LoopConnections:
        # channels_redis' own ``connection`` (pools per event loop, closed with the loop), with
        # our per-loop holder: it also keeps the receive pool.
        loop = asyncio.get_running_loop()
        try:
            return self._layers[loop]
        except KeyError:
            _wrap_close(self, loop)
            holder = self._layers[loop] = LoopConnections(self)
            return holder

    def connection(self, index):
        if not 0 <= index < self.ring_size:
            raise ValueError(f"There are only {self.ring_size} hosts - you asked for {index}!")
        return self._loop_connections().get_connection(index)

    def receive_connection(self, index):
        """A connection whose reads outlast BZPOPMIN's wait; for the receive loop only."""
        return self._loop_connections().get_receive_connection(index)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._ready: dict[str, deque] = {}  # taken off Redis, not yet handed to a consumer
        self._handed_over: dict[str, list] = {}  # raw messages still in the backup

    async def receive_single(self, channel):
        if "!" not in channel:  # normal (worker) channels: channels_redis' way
            return await super().receive_single(channel)
        ready = self._ready.setdefault(channel, deque())
        if ready:
            return ready.popleft()
        key = self.prefix + channel
        connection = self.receive_connection(self.consistent_hash(channel))
        while not ready:
            taken = await connection.eval(
                RECEIVE_LUA, 2, key, self._backup_channel_name(key), RECEIVE_BATCH, *self._handed_over.get(key, ())
            )
            members = taken[0::2]
            self._handed_over[key] = members
            if not members:
                # Nothing waiting: block until something comes. As with channels_redis, a receive
                # cancelled while this answer is on its way loses the message; the database
                # keeps every notification and a socket that reconnects replays it.
                popped = await connection.bzpopmin(key, timeout=self.brpop_timeout)
                members = [popped[1]] if popped else []
            for member in members:
                message = self.deserialize(member)
                ready.append((message.pop("__asgi_channel__", channel), message))
        return ready.popleft()

    async def receive(self, channel):
        for attempt in range(1, RECEIVE_ATTEMPTS):
            try:
                return await super().receive(channel)
            except (redis_errors.ConnectionError, redis_errors.TimeoutError):
                logger.warning("channel layer: receive on %s failed, retrying", channel, exc_info=True)
                await asyncio.sleep(RECEIVE_RETRY_S * attempt)
        return await super().receive(channel)

    async def group_send_many(self, messages: list[tuple[str, dict]]) -> None:
        """``group_send`` for several ``(group, message)`` pairs, in two round trips to Redis."""
        if not messages:
            return
        if len(self.hosts) > 1:  # groups spread over several servers: one by one
            for group, message in messages:
                await self.group_send(group, message)
            return
        for group, _ in messages:
            assert self.require_valid_group_name(group), "Group name not valid"
        connection = self.connection(0)
        pipe = connection.pipeline(transaction=False)
        stale = int(time.time()) - self.group_expiry
        for group, _ in messages:
            key = self._group_key(group)
            pipe.zremrangebyscore(key, min=0, max=stale)
            pipe.zrange(key, 0, -1)
        members = (await pipe.execute())[1::2]
        keys, payloads, capacities = [], [], []
        for (_, message), channels in zip(messages, members, strict=True):
            by_connection, key_to_message, key_to_capacity = self._map_channel_keys_to_connection(
                [name.decode() for name in channels], message
            )
            for channel_key in by_connection.get(0, []):
                keys.append(channel_key)
                payloads.append(key_to_message[channel_key])
                capacities.append(key_to_capacity[channel_key])
        if not keys:
            return
        over = await connection.eval(
            SEND_MANY_LUA, len(keys), *keys, *payloads, *capacities, time.time(), int(self.expiry)
        )
        if over:
            logger.info("%s of %s messages dropped: channel over capacity", over, len(keys))

    async def group_add_many(self, groups: list[str], channel: str) -> None:
        """``group_add`` of one channel to several groups, in the loop's next batched round trip."""
        if self.ring_size > 1:  # groups spread over several servers: one by one
            for group in groups:
                await self.group_add(group, channel)
            return
        assert self.require_valid_channel_name(channel), "Channel name not valid"
        now, commands = time.time(), []
        for group in groups:
            assert self.require_valid_group_name(group), "Group name not valid"
            key = self._group_key(group)
            commands += [("zadd", key, {channel: now}), ("expire", key, self.group_expiry)]
        await self._loop_connections().get_batcher().run(commands)

    async def group_discard_many(self, groups: list[str], channel: str) -> None:
        """``group_discard`` of one channel from several groups, in the loop's next batched round trip."""
        if self.ring_size > 1:
            for group in groups:
                await self.group_discard(group, channel)
            return
        assert self.require_valid_channel_name(channel), "Channel name not valid"
        commands = []
        for group in groups:
            assert self.require_valid_group_name(group), "Group name not valid"
            commands.append(("zrem", self._group_key(group), channel))
        await self._loop_connections().get_batcher().run(commands)


class InMemoryChannelLayer(BaseInMemoryChannelLayer):
    """The embedded default (one process): the same batch methods as the Redis layer."""

    async def group_send_many(self, messages: list[tuple[str, dict]]) -> None:
        for group, message in messages:
            await self.group_send(group, message)

    async def group_add_many(self, groups: list[str], channel: str) -> None:
        for group in groups:
            await self.group_add(group, channel)

    async def group_discard_many(self, groups: list[str], channel: str) -> None:
        for group in groups:
            await self.group_discard(group, channel)
