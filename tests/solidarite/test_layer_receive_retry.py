"""A consumer survives a Redis connection that could not be made once (a loaded burst)."""

import pytest
from channels_redis.core import RedisChannelLayer as BaseRedisChannelLayer
from redis import exceptions as redis_errors

from solidarite import channel_layer
from solidarite.channel_layer import RedisChannelLayer


@pytest.fixture
def receive_calls(monkeypatch):
    """Make channels_redis' receive fail ``calls["failures"]`` times, then deliver a message."""
    calls = {"count": 0, "failures": 1}

    async def flaky_receive(self, channel):
        calls["count"] += 1
        if calls["count"] <= calls["failures"]:
            raise redis_errors.TimeoutError("Timeout connecting to server")
        return {"type": "forward.message", "payload": {"type": "pong"}}

    monkeypatch.setattr(BaseRedisChannelLayer, "receive", flaky_receive)
    monkeypatch.setattr(channel_layer, "RECEIVE_RETRY_S", 0)
    return calls


async def test_a_receive_that_could_not_reach_redis_once_is_retried_and_delivers(receive_calls):
    layer = RedisChannelLayer(hosts=["redis://127.0.0.1:6379/0"])
    message = await layer.receive("specific.test!one")
    assert message["payload"] == {"type": "pong"}
    assert receive_calls["count"] == 2


async def test_a_redis_that_stays_away_still_fails_the_receive(receive_calls):
    receive_calls["failures"] = channel_layer.RECEIVE_ATTEMPTS
    layer = RedisChannelLayer(hosts=["redis://127.0.0.1:6379/0"])
    with pytest.raises(redis_errors.TimeoutError):
        await layer.receive("specific.test!one")
    assert receive_calls["count"] == channel_layer.RECEIVE_ATTEMPTS
