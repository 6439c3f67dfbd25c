"""A daphne process lets a bounded number of HTTP requests into Django at once; the rest wait their turn."""

import asyncio

from solidarite.asgi import ConcurrencyLimit


async def test_at_most_the_limit_runs_at_once_and_every_request_is_served():
    inside, most, served = 0, 0, []

    async def django(scope, receive, send):
        nonlocal inside, most
        inside += 1
        most = max(most, inside)
        await asyncio.sleep(0.01)
        inside -= 1
        served.append(scope["n"])

    limited = ConcurrencyLimit(django, 3)
    await asyncio.gather(*(limited({"type": "http", "n": n}, None, None) for n in range(20)))
    assert most == 3
    assert sorted(served) == list(range(20))


async def test_a_failing_request_gives_its_turn_back():
    async def django(scope, receive, send):
        if scope["n"] == 0:
            raise RuntimeError("boom")

    limited = ConcurrencyLimit(django, 1)
    results = await asyncio.gather(*(limited({"n": n}, None, None) for n in range(3)), return_exceptions=True)
    assert isinstance(results[0], RuntimeError) and results[1:] == [None, None]
