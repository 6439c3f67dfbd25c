"""live: from a help request POSTed over HTTP to the notification on the matched offerers' sockets.

    .venv/bin/python bench/live.py [--sockets 1000] [--requests 200]
        [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--redis-url redis://127.0.0.1:6379/0]

One daphne process (solidarite.asgi, Redis channel layer, a throw-away PostgreSQL database made
for the run and dropped after it). N offerers, each with one open offer over Rezé and a real
signed-in session, keep their socket open. Requests are then POSTed to /api/v1/help/requests/
one after another (each by its own neighbour, token auth); for every notification of a match
that reaches an offerer's socket, the latency is the time from sending that POST to the frame's
arrival. Every alerted match must reach its offerer exactly once (checked against the database).

In the same run, the bare stack: daphne + the same channels_redis layer, an echo consumer, no
database (bench/live_bare_asgi.py), the same number of sockets; a plain group_send to one socket,
as many times, one after another. Last line:

    live sockets=<n> p50_ms=… p99_ms=… bare_p50_ms=… ratio_p50=…

The exit status is 1 if a notification was lost or delivered twice.
"""

import argparse
import asyncio
import contextlib
import http.client
import json
import math
import os
import random
import resource
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stats import percentile  # noqa: E402

HANDSHAKE_TIMEOUT_S = 60
START_TIMEOUT_S = 60
DRAIN_TIMEOUT_S = 15
CONNECT_CONCURRENCY = 100
SPREAD_KM = 2.8


def raise_nofile_limit() -> None:
    """Each socket is a file descriptor on both sides: lift the soft limit to the hard one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Daphne:
    """One daphne process on a free loopback port, stopped whatever happens."""

    def __init__(self, env: dict, app: str, log_path: Path, *, cwd: Path = ROOT):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(self.port)),
                *("--websocket_connect_timeout", str(HANDSHAKE_TIMEOUT_S)),
                app,
            ],
            cwd=cwd,  # another tree's code: a baseline from an older commit (bench/post_notify.py)
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            preexec_fn=raise_nofile_limit,  # noqa: PLW1509 (no threads yet in this process)
        )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"daphne exited: {self.log_path.read_text()[-2000:]}")
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            time.sleep(0.2)
        raise RuntimeError(f"daphne did not answer within {START_TIMEOUT_S} s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


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


def prepare(n_offerers: int, n_requesters: int, rng) -> tuple[list[tuple[int, str]], list[str]]:
    """Offerers with an open offer and a session; requesters with an API token."""
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.utils import timezone

    from solidarite.accounts.models import ApiToken, User
    from solidarite.help.models import Category, HelpOffer, OfferCategory
    from solidarite.places.geo import Point, public_point
    from solidarite.places.models import Quartier

    call_command("migrate", verbosity=0, interactive=False)
    password = make_password(secrets.token_urlsafe(16))  # one hash: hashing 1,000 measures nothing
    now = timezone.now()
    User.objects.bulk_create(
        [User(email=f"aidant{i}@exemple.fr", display_name=f"Aidant {i}", password=password) for i in range(n_offerers)]
        + [
            User(email=f"demandeur{i}@exemple.fr", display_name=f"Voisine {i}", password=password)
            for i in range(n_requesters)
        ]
    )
    offerers = list(User.objects.filter(email__startswith="aidant").order_by("id"))
    requesters = list(User.objects.filter(email__startswith="demandeur").order_by("id"))
    categories = list(Category.objects.all())
    quartier = Quartier.objects.first()
    offers = []
    for user in offerers:
        lat, lon = random_point(rng)
        shown = public_point(Point(lat, lon), grid_m=settings.PUBLIC_POINT_GRID_M, salt=secrets.token_hex(4))
        offers.append(
            HelpOffer(
                author=user,
                description="Disponible pour un coup de main.",
                radius_km=rng.choice([1.5, 2, 3]),
                latitude=lat,
                longitude=lon,
                public_latitude=shown.lat,
                public_longitude=shown.lon,
                quartier=quartier,
                created_at=now - timedelta(days=rng.random() * 20),
            )
        )
    offers = HelpOffer.objects.bulk_create(offers)
    OfferCategory.objects.bulk_create(
        OfferCategory(offer=o, category=c, latitude=o.latitude, longitude=o.longitude)
        for o in offers
        for c in rng.sample(categories, 3)
    )
    store = SessionStore()
    sessions, people = [], []
    for user in offerers:
        session, key = session_for(user, store, now)
        sessions.append(session)
        people.append((user.pk, key))
    Session.objects.bulk_create(sessions)
    tokens = [ApiToken.objects.issue(user=u, name="bench")[1] for u in requesters]
    from django.db import connection

    if connection.vendor == "postgresql":
        # A database in service has statistics (autovacuum analyses tables as rows change); tables
        # filled a second ago have none, and the planner then joins every offer to every candidate.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return people, tokens


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


async def run_live(daphne: Daphne, people, tokens, n_requests: int, rng) -> dict:
    from django.conf import settings
    from django.utils import timezone

    from solidarite.help.models import Category

    arrivals = []  # (user id, match id, notification id, time)

    def on_frame(user_id, at, frame):
        message = json.loads(frame)
        if message.get("type") == "notification" and message.get("kind") == "help.match_proposed":
            arrivals.append((user_id, message["data"]["match"], message["id"], at))

    ws_url = daphne.base.replace("http://", "ws://") + "/ws/"
    cookie = settings.SESSION_COOKIE_NAME
    started = time.perf_counter()
    sockets, listeners, failures, _ = await open_sockets(
        [(uid, ws_url, {"Cookie": f"{cookie}={key}"}, daphne.base) for uid, key in people], on_frame
    )
    connect_s = time.perf_counter() - started

    category_ids = await asyncio.to_thread(lambda: list(Category.objects.values_list("id", flat=True)))
    sent = {}  # request id -> time the POST was sent
    conn = http.client.HTTPConnection("127.0.0.1", daphne.port, timeout=30)
    errors = []

    def post(i):
        lat, lon = random_point(rng)
        now = timezone.now()
        body = json.dumps(
            {
                "category": rng.choice(category_ids),
                "description": "Besoin d'un coup de main, merci !",
                "latitude": lat,
                "longitude": lon,
                "window_start": now.isoformat(),
                "window_end": (now + timedelta(days=3)).isoformat(),
            }
        )
        headers = {"Content-Type": "application/json", "Authorization": f"Token {tokens[i % len(tokens)]}"}
        t0 = time.perf_counter()
        conn.request("POST", "/api/v1/help/requests/", body=body, headers=headers)
        response = conn.getresponse()
        payload = response.read()
        if response.status != 201:
            errors.append(f"{response.status}: {payload[:200]!r}")
            return None, t0, time.perf_counter()
        return json.loads(payload)["id"], t0, time.perf_counter()

    http_ms = []
    for i in range(n_requests):
        request_id, t0, t1 = await asyncio.to_thread(post, i)
        http_ms.append((t1 - t0) * 1000)
        if request_id is not None:
            sent[request_id] = t0
        elif len(errors) >= 3 and not sent:  # the site is broken: say so instead of posting on
            break
    conn.close()
    await asyncio.sleep(0)  # let frames already read be recorded

    from solidarite.help.models import Match

    def alerted_matches():
        rows = Match.objects.filter(request_id__in=list(sent), offerer_alerted_at__isnull=False).values(
            "id", "request_id", "offer__author_id"
        )
        return {m["id"]: m for m in rows}

    expected = await asyncio.to_thread(alerted_matches)
    deadline = time.monotonic() + DRAIN_TIMEOUT_S
    while time.monotonic() < deadline and len({a[1] for a in arrivals}) < len(expected):
        await asyncio.sleep(0.1)
    await close_all(sockets, listeners)

    seen = {}
    duplicates = 0
    latencies = []
    for user_id, match_id, notification_id, at in arrivals:
        key = (user_id, notification_id)
        if key in seen:
            duplicates += 1
            continue
        seen[key] = match_id
        match = expected.get(match_id)
        if match is None or match["offer__author_id"] != user_id:
            continue
        latencies.append((at - sent[match["request_id"]]) * 1000)
    delivered = {m for m in seen.values() if m in expected}
    return {
        "connected": len(sockets),
        "connect_s": connect_s,
        "failures": failures,
        "errors": errors,
        "expected": len(expected),
        "delivered": len(delivered),
        "lost": len(expected) - len(delivered),
        "duplicates": duplicates,
        "latencies": latencies,
        "http_p50": percentile(http_ms, 50),
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


def pg_admin(url: str, db: str | None = None) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{db or 'postgres'}"))


def database_args(parser) -> None:
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL server; a throw-away database is created on it",
    )
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))


@contextlib.contextmanager
def throwaway_stack(args, label: str, **extra_env: str):
    """A throw-away PostgreSQL database and channel-layer prefix, the daphne environment for them (plus
    ``extra_env``), and Django set up in this process on the same database; everything dropped
    afterwards. Yields (env, prefix, tmp directory for the servers' logs)."""
    import psycopg
    import redis

    raise_nofile_limit()
    redis.Redis.from_url(args.redis_url, socket_connect_timeout=2).ping()
    db_name = f"bench_{label}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(pg_admin(args.database_url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{db_name}"')
    prefix = f"bench-{label}-{uuid.uuid4().hex[:8]}"
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-{label}-"))
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DJANGO_SETTINGS_MODULE="solidarite.settings",
        DATABASE_URL=pg_admin(args.database_url, db_name),
        REDIS_URL=args.redis_url,
        CHANNEL_LAYER_PREFIX=prefix,
        SECRET_KEY=secrets.token_urlsafe(64),
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        STATIC_MANIFEST="false",
        LOG_LEVEL="WARNING",
        API_USER_RATE="100000/minute",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "bench")]),
        **extra_env,
    )
    os.environ.update(env)
    import django

    django.setup()
    try:
        yield env, prefix, tmp
    finally:
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        with psycopg.connect(pg_admin(args.database_url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        client = redis.Redis.from_url(args.redis_url)
        keys = list(client.scan_iter(f"{prefix}*"))
        if keys:
            client.delete(*keys)
        if not os.environ.get("BENCH_KEEP_LOGS"):
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"logs kept in {tmp}")


def session_for(user, store, now):
    """A signed-in session row for ``user`` (its key is the cookie a socket sends)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.models import Session

    key = secrets.token_hex(16)
    data = {
        SESSION_KEY: str(user.pk),
        BACKEND_SESSION_KEY: "solidarite.accounts.backends.EmailBackend",
        HASH_SESSION_KEY: user.get_session_auth_hash(),
    }
    return Session(session_key=key, session_data=store.encode(data), expire_date=now + timedelta(days=1)), key


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sockets", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200)
    database_args(parser)
    parser.add_argument("--seed", type=int, default=44400)
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        print("bench/live.py runs on PostgreSQL: give --database-url postgres://…", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    live = None
    with throwaway_stack(args, "live") as (env, prefix, tmp):
        people, tokens = prepare(args.sockets, args.requests, rng)
        print(f"prepared {len(people)} offerers and {len(tokens)} requesters", flush=True)
        daphne = Daphne(env, "solidarite.asgi:application", tmp / "daphne-live.log")
        try:
            daphne.wait_ready()
            live = asyncio.run(run_live(daphne, people, tokens, args.requests, rng))
        finally:
            daphne.stop()
        from django.db import connections

        connections.close_all()
        lat = live["latencies"]
        print(
            f"live_detail connected={live['connected']}/{args.sockets} connect_s={live['connect_s']:.1f} "
            f"alerts={live['expected']} delivered={live['delivered']} lost={live['lost']} "
            f"duplicates={live['duplicates']} http_p50_ms={live['http_p50']:.1f} "
            f"errors={live['errors'][:3] or 0} failures={live['failures'][:3] or 0}",
            flush=True,
        )
        bare = bare_baseline(env, tmp, args, args.sockets, args.requests, prefix)
        p50, p99 = percentile(lat, 50), percentile(lat, 99)
        bare_p50 = percentile(bare["latencies"], 50)
        print(
            f"live sockets={live['connected']} p50_ms={p50:.1f} p99_ms={p99:.1f} "
            f"bare_p50_ms={bare_p50:.1f} ratio_p50={p50 / bare_p50:.1f}",
            flush=True,
        )
    ok = live is not None and live["lost"] == 0 and live["duplicates"] == 0 and not live["errors"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
