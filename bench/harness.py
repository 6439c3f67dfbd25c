"""The live benches' harness: signed-in sockets that record one notification kind, POSTs one after another,
the count of what arrived (lost, duplicated, latency from the POST), and the bare stack (daphne +
channels_redis + an echo consumer, no database) measured in the same run. Shared by bench/live.py,
surplus_live.py and gifts_live.py; post_notify.py takes the sockets."""

import asyncio
import contextlib
import http.client
import json
import math
import time

from bench.stack import HANDSHAKE_TIMEOUT_S, Daphne
from bench.stats import percentile

DRAIN_TIMEOUT_S = 15
CONNECT_CONCURRENCY = 100
SPREAD_KM = 2.8


def random_point(rng):
    from solidarite.places.geo import KM_PER_DEGREE_LAT
    from solidarite.places.models import town_center

    center = town_center()
    r = SPREAD_KM * math.sqrt(rng.random())
    a = rng.random() * 2 * math.pi
    return (
        round(center.lat + r * math.sin(a) / KM_PER_DEGREE_LAT, 6),
        round(center.lon + r * math.cos(a) / (KM_PER_DEGREE_LAT * math.cos(math.radians(center.lat))), 6),
    )


async def open_sockets(urls_and_headers, on_frame):
    import websockets

    sockets, failures, connected = [], [], []
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def one(ident, url, headers, origin):
        async with gate:
            try:
                ws = await websockets.connect(
                    url,
                    origin=origin,
                    additional_headers=headers,
                    proxy=None,
                    open_timeout=HANDSHAKE_TIMEOUT_S,
                    ping_interval=None,
                    compression=None,
                )
            except (TimeoutError, OSError, websockets.exceptions.WebSocketException) as error:
                failures.append(f"{type(error).__name__}: {str(error)[:80]}")
                return
        sockets.append(ws)
        connected.append(ident)

        async def listen():
            with contextlib.suppress(websockets.exceptions.ConnectionClosed):
                async for frame in ws:
                    on_frame(ident, time.perf_counter(), frame)

        listeners.append(asyncio.ensure_future(listen()))

    listeners = []
    await asyncio.gather(*(one(*args) for args in urls_and_headers))
    return sockets, listeners, failures, connected


async def close_all(sockets, listeners):
    for task in listeners:
        task.cancel()
    await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)


class Listening:
    """Signed-in sockets that record every frame of one notification kind as (user id, what the notification
    is about, notification id, arrival time); ``about`` reads the second from the message."""

    def __init__(self, kind: str, about):
        self.kind, self.about, self.arrivals = kind, about, []
        self.sockets, self.listeners, self.failures, self.connect_s = [], [], [], 0.0

    def on_frame(self, user_id, at, frame):
        message = json.loads(frame)
        if message.get("type") == "notification" and message.get("kind") == self.kind:
            self.arrivals.append((user_id, self.about(message), message["id"], at))


async def listen(daphne: Daphne, people, kind: str, about) -> Listening:
    """One socket per (user id, session key) of ``people``, each listening for ``kind``."""
    from django.conf import settings

    listening = Listening(kind, about)
    ws_url = daphne.base.replace("http://", "ws://") + "/ws/"
    cookie = settings.SESSION_COOKIE_NAME
    started = time.perf_counter()
    listening.sockets, listening.listeners, listening.failures, _ = await open_sockets(
        [(uid, ws_url, {"Cookie": f"{cookie}={key}"}, daphne.base) for uid, key in people], listening.on_frame
    )
    listening.connect_s = time.perf_counter() - started
    return listening


async def post_each(daphne: Daphne, n: int, request) -> tuple[dict, list[str], list[float]]:
    """POSTs ``request(i) -> (path, body, token)`` one after another over one connection. Returns
    {i: (created id, time sent)} for the 201s, the errors, and every POST's duration in ms."""
    conn = http.client.HTTPConnection("127.0.0.1", daphne.port, timeout=30)
    sent, errors, http_ms = {}, [], []

    def post(i):
        path, body, token = request(i)
        headers = {"Content-Type": "application/json", "Authorization": f"Token {token}"}
        t0 = time.perf_counter()
        conn.request("POST", path, body=json.dumps(body), headers=headers)
        response = conn.getresponse()
        payload = response.read()
        if response.status != 201:
            errors.append(f"{response.status}: {payload[:200]!r}")
            return None, t0, time.perf_counter()
        return json.loads(payload)["id"], t0, time.perf_counter()

    for i in range(n):
        created, t0, t1 = await asyncio.to_thread(post, i)
        http_ms.append((t1 - t0) * 1000)
        if created is not None:
            sent[i] = (created, t0)
        elif len(errors) >= 3 and not sent:  # the site is broken: say so instead of posting on
            break
    conn.close()
    await asyncio.sleep(0)  # let frames already read be recorded
    return sent, errors, http_ms


async def drain(listening: Listening, expected) -> dict:
    """Waits (DRAIN_TIMEOUT_S at most) until every expected notification has arrived, closes the sockets
    and counts. ``expected`` is an awaitable giving {what it is about: (user id, time the cause was sent, or
    None)}, read from the database once the posts are done. Each must reach its person exactly once: a
    second frame of the same notification to the same person is a duplicate, one never seen is lost."""
    expected = await expected
    deadline = time.monotonic() + DRAIN_TIMEOUT_S
    while time.monotonic() < deadline and len({a[1] for a in listening.arrivals}) < len(expected):
        await asyncio.sleep(0.1)
    await close_all(listening.sockets, listening.listeners)
    seen, duplicates, latencies = set(), 0, []
    for user_id, about, notification_id, at in listening.arrivals:
        if (user_id, notification_id) in seen:
            duplicates += 1
            continue
        seen.add((user_id, notification_id))
        person, sent_at = expected.get(about, (None, None))
        if person == user_id and sent_at is not None:
            latencies.append((at - sent_at) * 1000)
    delivered = {about for user_id, about, _n, _at in listening.arrivals if expected.get(about, (None,))[0] == user_id}
    return {
        "connected": len(listening.sockets),
        "connect_s": listening.connect_s,
        "failures": listening.failures,
        "expected": len(expected),
        "delivered": len(delivered),
        "lost": len(expected) - len(delivered),
        "duplicates": duplicates,
        "latencies": latencies,
    }


async def run_bare(daphne: Daphne, n_sockets: int, n_sends: int, prefix: str, redis_url: str) -> dict:
    from solidarite.channel_layer import RedisChannelLayer

    arrivals = {}

    def on_frame(ident, at, frame):
        arrivals[json.loads(frame)["seq"]] = at

    ws_base = daphne.base.replace("http://", "ws://")
    sockets, listeners, failures, connected = await open_sockets(
        [(i, f"{ws_base}/ws/{i}/", {}, daphne.base) for i in range(n_sockets)], on_frame
    )
    layer = RedisChannelLayer(hosts=[redis_url], prefix=prefix)
    latencies = []
    for seq in range(n_sends):
        target = connected[seq % len(connected)]  # a socket that did connect
        t0 = time.perf_counter()
        await layer.group_send(f"bare.{target}", {"type": "forward.message", "payload": json.dumps({"seq": seq})})
        deadline = time.monotonic() + 5
        while seq not in arrivals and time.monotonic() < deadline:
            await asyncio.sleep(0.0005)
        if seq in arrivals:
            latencies.append((arrivals[seq] - t0) * 1000)
    await close_all(sockets, listeners)
    await layer.flush()
    return {"connected": len(sockets), "failures": failures, "latencies": latencies}


def live_then_bare(name: str, env, tmp, args, prefix, run, *, n_sockets: int, n_sends: int, counted) -> dict:
    """The measured run on daphne (``run(daphne)``, a coroutine giving ``drain``'s counts plus ``errors``
    and ``http_p50``), its detail line, the bare stack in the same run, and the last line:
    ``<name> sockets=… p50_ms=… p99_ms=… bare_p50_ms=… ratio_p50=…``. ``counted(live)`` says what was
    expected in the detail line (``alerts=…``)."""
    daphne = Daphne(env, "solidarite.asgi:application", tmp / f"daphne-{name}.log")
    try:
        daphne.wait_ready()
        live = asyncio.run(run(daphne))
    finally:
        daphne.stop()
    from django.db import connections

    connections.close_all()
    print(
        f"{name}_detail connected={live['connected']}/{n_sockets} connect_s={live['connect_s']:.1f} "
        f"{counted(live)} delivered={live['delivered']} lost={live['lost']} "
        f"duplicates={live['duplicates']} http_p50_ms={live['http_p50']:.1f} "
        f"errors={live['errors'][:3] or 0} failures={live['failures'][:3] or 0}",
        flush=True,
    )
    bare = bare_baseline(env, tmp, args, n_sockets, n_sends, prefix)
    lat = live["latencies"]
    p50, p99, bare_p50 = percentile(lat, 50), percentile(lat, 99), percentile(bare["latencies"], 50)
    print(
        f"{name} sockets={live['connected']} p50_ms={p50:.1f} p99_ms={p99:.1f} "
        f"bare_p50_ms={bare_p50:.1f} ratio_p50={p50 / bare_p50:.1f}",
        flush=True,
    )
    return live


def delivered_once(live) -> int:
    """The exit status: 1 if a notification was lost or delivered twice, or a POST refused."""
    ok = live is not None and live["lost"] == 0 and live["duplicates"] == 0 and not live["errors"]
    return 0 if ok else 1


def bare_baseline(env, tmp, args, n_sockets: int, n_sends: int, prefix: str) -> dict:
    """The bare stack in the same run: daphne + channels_redis + an echo consumer, no database."""
    bare_daphne = Daphne(env, "live_bare_asgi:application", tmp / "daphne-bare.log")
    try:
        bare_daphne.wait_ready()
        bare = asyncio.run(run_bare(bare_daphne, n_sockets, n_sends, prefix, args.redis_url))
    finally:
        bare_daphne.stop()
    print(
        f"bare_detail connected={bare['connected']}/{n_sockets} sends={len(bare['latencies'])} "
        f"p99_ms={percentile(bare['latencies'], 99):.1f} failures={bare['failures'][:3] or 0}",
        flush=True,
    )
    return bare
