"""Settings for the ws_burst baseline: the stock channels_redis layer and its plain redis-py pool.

Only the benchmark uses this, to show what the pool choice in ``solidarite.channel_layer`` is for.
"""

from solidarite.settings import *  # noqa: F403

# The stock layer, with the batch methods the consumers call done one group at a time (bench/plain_layer.py):
# without them every socket of the baseline was refused (4013) once the consumers joined groups in batches.
CHANNEL_LAYERS["default"]["BACKEND"] = "plain_layer.PlainRedisChannelLayer"  # noqa: F405
