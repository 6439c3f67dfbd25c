"""The ws_burst baseline's layer: channels_redis' stock ``RedisChannelLayer`` with its plain redis-py pool,
plus the batch methods the site's consumers and pushes call (``solidarite.channel_layer``), written as the
stock layer would do them: one ``group_add``/``group_discard``/``group_send`` per group, no batching. Only
bench/settings_plain_pool.py uses it, to show what the site's layer is for."""

from channels_redis.core import RedisChannelLayer


class PlainRedisChannelLayer(RedisChannelLayer):
    async def group_add_many(self, groups, channel):
        for group in groups:
            await self.group_add(group, channel)

    async def group_discard_many(self, groups, channel):
        for group in groups:
            await self.group_discard(group, channel)

    async def group_send_many(self, messages):
        for group, message in messages:
            await self.group_send(group, message)
