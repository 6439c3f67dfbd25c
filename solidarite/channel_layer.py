"""The Redis channel layer, with a connection pool chosen on purpose.

channels_redis builds a plain ``redis.asyncio.ConnectionPool``; since redis-py 6 that pool
raises ``MaxConnectionsError`` once ``max_connections`` are checked out instead of waiting,
so a burst of a few hundred sockets joining their groups at once fails. A
``BlockingConnectionPool`` makes the burst queue for a connection instead, and a short
connect timeout keeps an unreachable Redis from stalling the request that pushes.
"""

from channels_redis.core import RedisChannelLayer as BaseRedisChannelLayer
from django.conf import settings
from redis import asyncio as aioredis


class RedisChannelLayer(BaseRedisChannelLayer):
    def create_pool(self, index):
        host = dict(self.hosts[index])
        if "address" not in host:  # sentinel or host/port dicts: channels_redis' own pools
            return super().create_pool(index)
        address = host.pop("address")
        return aioredis.BlockingConnectionPool.from_url(
            address,
            max_connections=settings.REDIS_POOL_SIZE,
            timeout=settings.REDIS_POOL_TIMEOUT,
            socket_connect_timeout=settings.REDIS_CONNECT_TIMEOUT,
            **host,
        )
