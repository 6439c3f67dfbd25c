"""Settings for the ws_burst baseline: the stock channels_redis layer and its plain redis-py pool.

Only the benchmark uses this, to show what the pool choice in ``solidarite.channel_layer`` is for.
"""

from solidarite.settings import *  # noqa: F403

CHANNEL_LAYERS["default"]["BACKEND"] = "channels_redis.core.RedisChannelLayer"  # noqa: F405
