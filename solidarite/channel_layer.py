"""The Redis channel layer, with a connection pool chosen on purpose.

channels_redis builds a plain ``redis.asyncio.ConnectionPool``; since redis-py 6 that pool
raises ``MaxConnectionsError`` once ``max_connections`` are checked out instead of waiting,
so a burst of a few hundred sockets joining their groups at once fails. A
``BlockingConnectionPool`` makes the burst queue for a connection instead, and a short
connect timeout keeps an unreachable Redis from stalling the request that pushes.

Second trap: redis-py 8 reads with a 5 s ``socket_timeout`` by default, exactly the time
channels_redis blocks in BZPOPMIN waiting for messages (``brpop_timeout``). When the empty
answer comes back a hair late (a busy event loop, a burst), the read times out and the
exception kills the consumers of the process. The read timeout must exceed that wait.

Third trap: the connect timeout is measured on the event loop. During a burst of handshakes
the loop itself can lag past it while the pool opens its connections, and a failed receive
ends the consumer for good: its socket stays open but deaf. Receiving retries a few times
(nothing was popped when the connection could not be made); a Redis really away still fails.
"""

import asyncio
import logging

from channels_redis.core import RedisChannelLayer as BaseRedisChannelLayer
from django.conf import settings
from redis import asyncio as aioredis
from redis import exceptions as redis_errors

logger = logging.getLogger(__name__)

# Seconds a read may take beyond channels_redis' own blocking wait.
READ_TIMEOUT_MARGIN_S = 5.0
RECEIVE_ATTEMPTS = 3
RECEIVE_RETRY_S = 0.5


class RedisChannelLayer(BaseRedisChannelLayer):
    def create_pool(self, index):
        host = dict(self.hosts[index])
        if "address" not in host:  # sentinel or host/port dicts: channels_redis' own pools
            return super().create_pool(index)
        address = host.pop("address")
        host.setdefault("socket_timeout", self.brpop_timeout + READ_TIMEOUT_MARGIN_S)
        return aioredis.BlockingConnectionPool.from_url(
            address,
            max_connections=settings.REDIS_POOL_SIZE,
            timeout=settings.REDIS_POOL_TIMEOUT,
            socket_connect_timeout=settings.REDIS_CONNECT_TIMEOUT,
            **host,
        )

    async def receive(self, channel):
        for attempt in range(1, RECEIVE_ATTEMPTS):
            try:
                return await super().receive(channel)
            except (redis_errors.ConnectionError, redis_errors.TimeoutError):
                logger.warning("channel layer: receive on %s failed, retrying", channel, exc_info=True)
                await asyncio.sleep(RECEIVE_RETRY_S * attempt)
        return await super().receive(channel)
