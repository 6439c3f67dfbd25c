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
    """One daphne process on a free loopback port, stopped whatever happens.

    ``backlog``: the listen queue of its socket (Twisted's default is 50: a burst of handshakes
    overflows it, the kernel drops the extra SYNs and clients retry after 1, 3, 7 s; capped by
    net.core.somaxconn). ``handshake_timeout``: how long daphne lets a socket wait to be accepted."""

    def __init__(
        self,
        env: dict,
        app: str,
        log_path: Path,
        *,
        backlog: int = 0,
        handshake_timeout: int = HANDSHAKE_TIMEOUT_S,
        cwd: Path = ROOT,
    ):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        endpoint = (
            ("-e", f"tcp:port={self.port}:interface=127.0.0.1:backlog={backlog}")
            if backlog
            else ("-b", "127.0.0.1", "-p", str(self.port))
        )
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "daphne", *endpoint),
                *("--websocket_connect_timeout", str(handshake_timeout)),
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

    def rss_kb(self) -> int:
        """Resident memory of the process now, in KiB (VmRSS)."""
        for row in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if row.startswith("VmRSS:"):
                return int(row.split()[1])
        raise RuntimeError("no VmRSS for daphne")

    def cpu_s(self) -> float:
        """CPU seconds (user + system) the process has used so far, all its threads."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def log_count(self, needle: str) -> int:
        return self.log_path.read_text(errors="replace").count(needle)


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
    people = signed_in(offerers, now)
    tokens = [ApiToken.objects.issue(user=u, name="bench")[1] for u in requesters]
    analyze()
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


async def run_live(daphne: Daphne, people, tokens, n_requests: int, rng) -> dict:
    from django.utils import timezone

    from solidarite.help.models import Category, Match

    listening = await listen(daphne, people, "help.match_proposed", lambda message: message["data"]["match"])
    category_ids = await asyncio.to_thread(lambda: list(Category.objects.values_list("id", flat=True)))

    def request(i):
        lat, lon = random_point(rng)
        now = timezone.now()
        body = {
            "category": rng.choice(category_ids),
            "description": "Besoin d'un coup de main, merci !",
            "latitude": lat,
            "longitude": lon,
            "window_start": now.isoformat(),
            "window_end": (now + timedelta(days=3)).isoformat(),
        }
        return "/api/v1/help/requests/", body, tokens[i % len(tokens)]

    sent, errors, http_ms = await post_each(daphne, n_requests, request)
    sent_at = dict(sent.values())  # request id -> time its POST was sent

    def alerted_matches():
        rows = Match.objects.filter(request_id__in=list(sent_at), offerer_alerted_at__isnull=False)
        return {m: (author, sent_at[r]) for m, r, author in rows.values_list("id", "request_id", "offer__author_id")}

    counted = await drain(listening, asyncio.to_thread(alerted_matches))
    return {**counted, "errors": errors, "http_p50": percentile(http_ms, 50)}


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


def signed_in(users, now) -> list[tuple[int, str]]:
    """A session row for each of ``users`` (one INSERT): [(user id, session key)], what the sockets send."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    store = SessionStore()
    sessions, people = [], []
    for user in users:
        session, key = session_for(user, store, now)
        sessions.append(session)
        people.append((user.pk, key))
    Session.objects.bulk_create(sessions)
    return people


def analyze() -> None:
    """A database in service has statistics (autovacuum analyses tables as rows change); tables filled a
    second ago have none, and the planner then joins every post to every candidate."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


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
        live = live_then_bare(
            "live",
            env,
            tmp,
            args,
            prefix,
            lambda daphne: run_live(daphne, people, tokens, args.requests, rng),
            n_sockets=args.sockets,
            n_sends=args.requests,
            counted=lambda live: f"alerts={live['expected']}",
        )
    return delivered_once(live)


if __name__ == "__main__":
    sys.exit(main())
