"""ws_burst: N authenticated sockets connect to one daphne at once, then each gets one notification.

    .venv/bin/python bench/ws_burst.py [--sockets 1000] [--redis-url redis://127.0.0.1:6379/0] [--no-baseline]
        [--database-url postgres://postgres@127.0.0.1:5432/<an empty database>]

One daphne process serves a throw-away SQLite database (or the empty database given) with the
Redis channel layer. The bench
process signs N people in (real sessions), opens their N sockets at the same moment, then calls
the real ``notify()`` for each person (persist, then push through Redis) and measures, per
socket, the time from that call to the frame arriving.

The same burst first runs against the stock channels_redis layer (plain redis-py pool, which
raises MaxConnectionsError past 100 connections checked out at once), then against ours
(``solidarite.channel_layer``: a BlockingConnectionPool that queues the burst). The last line is

    ws_burst connected=<ok>/<N> delivered=<ok>/<N> p50_ms=... p99_ms=...

for our layer; the exit status is 1 unless every socket connected and every notification arrived.
"""

import argparse
import asyncio
import contextlib
import json
import os
import resource
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stats import percentile  # noqa: E402

CONNECT_TIMEOUT_S = 120
# How long daphne lets a socket wait for the application to accept it. daphne's default (5 s)
# is shorter than a burst of 1,000 handshakes takes on 2 cores: run daphne with a longer one
# in production too (queue, don't fail; the same choice as the Redis pool).
HANDSHAKE_TIMEOUT_S = int(os.environ.get("WS_BURST_HANDSHAKE_TIMEOUT", "120"))
# Listen backlog of daphne's socket. Twisted's default (50) overflows in a burst: the kernel
# drops the extra SYNs and clients retry after 1, 3, 7 s. Production runs daphne with
# ``-e tcp:port=8000:interface=0.0.0.0:backlog=1024`` (capped by net.core.somaxconn); set 0
# here to measure daphne's default.
LISTEN_BACKLOG = int(os.environ.get("WS_BURST_BACKLOG", "1024"))
DELIVERY_TIMEOUT_S = 30
START_TIMEOUT_S = 60


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


def base_env(database_url: str, redis_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_urlsafe(64),
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        STATIC_MANIFEST="false",
        REDIS_URL=redis_url,
        LOG_LEVEL="WARNING",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "bench")]),
    )
    return env


def setup_django(env: dict) -> None:
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "solidarite.settings"
    import django

    django.setup()


def prepare_people(n: int) -> list[tuple[int, str]]:
    """N people, each with a live session; returns (user id, session key)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.utils import timezone

    from solidarite.accounts.models import User

    call_command("migrate", verbosity=0, interactive=False)
    # One password hash for everyone: hashing 1,000 passwords would take minutes and measures nothing here.
    password = make_password(secrets.token_urlsafe(16))
    users = User.objects.bulk_create(
        User(email=f"rafale{i}@exemple.fr", display_name=f"Voisin {i}", password=password) for i in range(n)
    )
    users = list(User.objects.order_by("id"))
    sessions, people = [], []
    expire = timezone.now() + timezone.timedelta(days=1)
    store = SessionStore()
    for user in users:
        key = secrets.token_hex(16)
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "solidarite.accounts.backends.EmailBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        sessions.append(Session(session_key=key, session_data=store.encode(data), expire_date=expire))
        people.append((user.pk, key))
    Session.objects.bulk_create(sessions)
    return people


class Daphne:
    """One daphne process, stopped whatever happens."""

    def __init__(self, env: dict, settings_module: str, log_path: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "daphne"),
                *(
                    ("-e", f"tcp:port={self.port}:interface=127.0.0.1:backlog={LISTEN_BACKLOG}")
                    if LISTEN_BACKLOG
                    else ("-b", "127.0.0.1", "-p", str(self.port))
                ),
                *("--websocket_connect_timeout", str(HANDSHAKE_TIMEOUT_S)),
                "solidarite.asgi:application",
            ],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": settings_module},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            preexec_fn=raise_nofile_limit,  # noqa: PLW1509 (no threads yet in this process)
        )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"daphne exited: {self.log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=5) as response:  # noqa: S310
                    if json.loads(response.read())["channel_layer"] == "ok":
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass  # not listening yet, or busy loading on its first request
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

    def cpu_s(self) -> float:
        """CPU seconds (user + system) daphne has used so far, all its threads."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def errors(self, needle: str) -> int:
        return self.log_path.read_text(errors="replace").count(needle)


async def burst(daphne: Daphne, people: list[tuple[int, str]], prefix: str) -> dict:
    """Connect every socket at once, then notify everyone; return the figures."""
    import websockets
    from asgiref.sync import sync_to_async
    from django.conf import settings
    from django.test import override_settings

    from solidarite.accounts.models import User
    from solidarite.notifications.services import notify

    url = daphne.base.replace("http://", "ws://") + "/ws/"
    arrived: dict[int, float] = {}
    sockets: dict[int, object] = {}
    all_arrived = asyncio.Event()
    failures: dict[str, int] = {}

    async def open_socket(user_id: int, session_key: str):
        try:
            ws = await websockets.connect(
                url,
                origin=daphne.base,
                additional_headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={session_key}"},
                proxy=None,
                open_timeout=CONNECT_TIMEOUT_S,
                ping_interval=None,
                compression=None,
            )
        except (TimeoutError, OSError, websockets.exceptions.WebSocketException) as error:
            reason = f"{type(error).__name__}: {str(error)[:80]}"
            failures[reason] = failures.get(reason, 0) + 1
            return
        sockets[user_id] = ws

    async def listen(user_id: int, ws):
        with contextlib.suppress(websockets.exceptions.ConnectionClosed):
            async for frame in ws:
                if json.loads(frame).get("type") == "notification":
                    arrived[user_id] = time.perf_counter()
                    if len(arrived) == len(people):
                        all_arrived.set()
                    return

    # The machine may be shared and loaded: CPU seconds say what the handshakes cost, wall
    # seconds what a browser waits.
    server_cpu, client_cpu = daphne.cpu_s(), time.process_time()
    started = time.perf_counter()
    await asyncio.gather(*(open_socket(uid, key) for uid, key in people))
    connect_s = time.perf_counter() - started
    server_cpu, client_cpu = daphne.cpu_s() - server_cpu, time.process_time() - client_cpu
    listeners = [asyncio.ensure_future(listen(uid, ws)) for uid, ws in sockets.items()]

    sent: dict[int, float] = {}
    layers = {"default": {**settings.CHANNEL_LAYERS["default"]}}
    layers["default"]["CONFIG"] = {**layers["default"]["CONFIG"], "prefix": prefix}

    from solidarite.notifications import kinds

    if kinds.registered("bench") is None:  # the benchmark's own kind: its payload brings its text
        kinds.register("bench", title="", recipients="the benchmark's accounts")

    def notify_everyone():
        # The real path: persist, then push on commit through realtime (autocommit: at once).
        for user in User.objects.filter(pk__in=[uid for uid, _ in people]).order_by("id"):
            sent[user.pk] = time.perf_counter()
            notify(user, "bench", {"title": "Rafale", "body": "Une notification pour chacun."})

    with override_settings(CHANNEL_LAYERS=layers):
        push_started = time.perf_counter()
        await sync_to_async(notify_everyone, thread_sensitive=False)()
        push_s = time.perf_counter() - push_started
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(all_arrived.wait(), DELIVERY_TIMEOUT_S)

    for task in listeners:
        task.cancel()
    await asyncio.gather(*(ws.close() for ws in sockets.values()), return_exceptions=True)
    latencies = [(arrived[uid] - sent[uid]) * 1000 for uid in arrived]
    return {
        "connected": len(sockets),
        "delivered": len(arrived),
        "connect_s": connect_s,
        "connect_cpu_server_s": server_cpu,
        "connect_cpu_client_s": client_cpu,
        "failures": failures,
        "push_s": push_s,
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
    }


def run(env: dict, people, settings_module: str, label: str, tmp: Path) -> dict:
    prefix = f"bench-{label}-{uuid.uuid4().hex[:8]}"
    daphne = Daphne({**env, "CHANNEL_LAYER_PREFIX": prefix}, settings_module, tmp / f"daphne-{label}.log")
    try:
        daphne.wait_ready()
        figures = asyncio.run(burst(daphne, people, prefix))
    finally:
        daphne.stop()
        cleanup_redis(env["REDIS_URL"], prefix)
    figures["max_connections_errors"] = daphne.errors("MaxConnectionsError")
    if os.environ.get("WS_BURST_KEEP_LOGS"):  # a directory where the daphne logs are copied
        Path(os.environ["WS_BURST_KEEP_LOGS"], daphne.log_path.name).write_text(daphne.log_path.read_text())
    return figures


def cleanup_redis(url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(f"{prefix}*"))
    if keys:
        client.delete(*keys)


def line(name: str, n: int, f: dict) -> str:
    return (
        f"{name} connected={f['connected']}/{n} delivered={f['delivered']}/{n} "
        f"p50_ms={f['p50']:.1f} p99_ms={f['p99']:.1f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sockets", type=int, default=1000, help="sockets that connect at once (default 1000)")
    parser.add_argument("--redis-url", default=os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0"))
    parser.add_argument(
        "--database-url", help="an empty database for daphne and the bench (default: a throw-away SQLite file)"
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the stock channels_redis pool run")
    parser.add_argument("--plain-pool", action="store_true", help="run only the stock channels_redis pool")
    args = parser.parse_args()
    raise_nofile_limit()

    import redis

    try:
        redis.Redis.from_url(args.redis_url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        print(f"ws_burst needs Redis at {args.redis_url}: {error}", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="ws-burst-") as tmp_dir:
        tmp = Path(tmp_dir)
        env = base_env(args.database_url or f"sqlite:///{tmp / 'db.sqlite3'}", args.redis_url)
        setup_django(env)
        people = prepare_people(args.sockets)
        n = len(people)

        if not args.no_baseline or args.plain_pool:
            plain = run(env, people, "settings_plain_pool", "plain", tmp)
            print(
                line("ws_burst_baseline pool=channels_redis-plain", n, plain)
                + f" connect_s={plain['connect_s']:.2f} MaxConnectionsError={plain['max_connections_errors']}"
                + f" connect_cpu_s=server:{plain['connect_cpu_server_s']:.2f}"
                + f",client:{plain['connect_cpu_client_s']:.2f}",
                flush=True,
            )
            if args.plain_pool:
                return 0 if plain["connected"] == plain["delivered"] == n else 1

        ours = run(env, people, "solidarite.settings", "ours", tmp)
        print(
            f"ws_burst_detail pool=blocking connect_s={ours['connect_s']:.2f} notify_all_s={ours['push_s']:.2f} "
            f"MaxConnectionsError={ours['max_connections_errors']} failures={ours['failures'] or 0} "
            f"connect_cpu_s=server:{ours['connect_cpu_server_s']:.2f},client:{ours['connect_cpu_client_s']:.2f}",
            flush=True,
        )
        print(line("ws_burst", n, ours), flush=True)
        return 0 if ours["connected"] == ours["delivered"] == n else 1


if __name__ == "__main__":
    sys.exit(main())
