"""ws_burst: N signed-in sockets connect at once over the daphne processes of one host, then each gets one notification.

    .venv/bin/python bench/ws_burst.py [--sockets 5000] [--servers 2] [--no-baseline]
        [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--redis-url redis://127.0.0.1:6379/0]

A throw-away PostgreSQL database and channel-layer prefix (bench/stack.py's ``throwaway_stack``),
--servers daphne processes of solidarite.asgi with the Redis channel layer, sockets spread over
them as a load balancer would. The bench process signs N people in (real session rows), then opens
their N sockets at the same moment as browsers do (``/ws/?last_id=<the latest id>``: authenticate,
join the person's groups, replay what was missed), each socket counted as connected when its
``replayed`` frame arrives. It then calls the real ``notify()`` for each person (persist, then push
through Redis) and measures, per socket, the time from that call to the frame's arrival.

Memory: the resident set (VmRSS) of every daphne process once a first socket per process has come and
gone (imports, pools), then once all N sockets are open; the growth over N is ``kb_per_socket``.

With the baseline (default), the same burst first runs against the stock channels_redis layer (plain
redis-py pool: ``MaxConnectionsError`` past 100 connections checked out at once), then against ours
(``solidarite.channel_layer``). The last line is, for our layer,

    ws_burst sockets=<N> connected=<ok>/<N> delivered=<ok>/<N> p50_ms=… p99_ms=… kb_per_socket=…

and the exit status is 1 unless every socket connected and every notification arrived.

File descriptors: every socket is one on the client and one on a server, and each process needs
a few hundred more (Redis, PostgreSQL, logs). The bench raises its own RLIMIT_NOFILE soft limit and
the servers' (``preexec_fn``) to the hard limit; in production, systemd's ``LimitNOFILE`` (docs/traps.md).
"""

import argparse
import asyncio
import contextlib
import json
import os
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stack import Daphne, database_args, session_for, throwaway_stack  # noqa: E402
from bench.stats import percentile  # noqa: E402

# How long a socket may take from its first SYN to its "replayed" frame, and daphne's own bound on
# the handshake: a burst of 5,000 on 2 shared cores takes tens of seconds; production runs daphne
# with a handshake timeout longer than its 5 s default too (queue, don't fail; docs/traps.md).
CONNECT_TIMEOUT_S = int(os.environ.get("WS_BURST_CONNECT_TIMEOUT", "180"))
DELIVERY_TIMEOUT_S = 60
# Listen queue of each daphne: every socket of a burst may be waiting in it at once (capped by
# net.core.somaxconn). Set WS_BURST_BACKLOG=0 to measure Twisted's default (50).
BACKLOG = os.environ.get("WS_BURST_BACKLOG")
# Descriptors each process needs beyond its sockets (pools, logs, the interpreter's own).
FD_MARGIN = 1024


def somaxconn() -> int:
    try:
        return int(Path("/proc/sys/net/core/somaxconn").read_text())
    except OSError:
        return 4096


def check_fd_limit(n_sockets: int) -> str | None:
    """Why N sockets cannot be opened under this process's (raised) descriptor limit, if they cannot."""
    import resource

    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < n_sockets + FD_MARGIN:
        return (
            f"ws_burst needs {n_sockets + FD_MARGIN} file descriptors, the hard limit is {soft}: "
            "raise it (ulimit -Hn, systemd LimitNOFILE) or ask for fewer sockets"
        )
    return None


def prepare_people(n: int) -> list[tuple[int, str]]:
    """N people, each with a live session; returns (user id, session key)."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from solidarite.accounts.models import User

    call_command("migrate", verbosity=0, interactive=False)
    # One password hash for everyone: hashing 5,000 passwords would take minutes and measures nothing here.
    password = make_password(uuid.uuid4().hex)
    User.objects.bulk_create(
        (User(email=f"rafale{i}@exemple.fr", display_name=f"Voisin {i}", password=password) for i in range(n)),
        batch_size=1000,
    )
    now, store = timezone.now(), SessionStore()
    sessions, people = [], []
    for user in User.objects.filter(email__startswith="rafale").order_by("id"):
        session, key = session_for(user, store, now)
        sessions.append(session)
        people.append((user.pk, key))
    Session.objects.bulk_create(sessions, batch_size=1000)
    with connection.cursor() as cursor:  # statistics, as a database in service has (bench/stack.py's analyze)
        cursor.execute("ANALYZE")
    return people


def register_bench_kind() -> None:
    from solidarite.notifications import kinds

    if kinds.registered("bench") is None:  # the benchmark's own kind: its payload brings its text
        kinds.register("bench", title="", recipients="the benchmark's accounts")


def latest_notification_id() -> int:
    from solidarite.notifications.models import Notification

    return Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0


class Burst:
    """The N sockets of one run: opened at once, each listened to until its notification arrives."""

    def __init__(self, daphnes: list[Daphne], people: list[tuple[int, str]], last_id: int, title: str):
        from django.conf import settings

        self.daphnes = daphnes
        self.people = people
        self.last_id = last_id
        self.title = title  # this run's notifications: a replay of an earlier run's is not counted
        self.cookie = settings.SESSION_COOKIE_NAME
        self.sockets: dict[int, object] = {}
        self.ready: dict[int, float] = {}  # user id -> time its "replayed" frame arrived
        self.arrived: dict[int, float] = {}
        self.closed: dict[str, int] = {}  # close codes of sockets the server closed
        self.failures: dict[str, int] = {}
        self.gone = 0  # sockets that failed or were closed before they were ready
        self.all_ready = asyncio.Event()  # every socket ready or gone
        self.all_arrived = asyncio.Event()
        self.listeners: list[asyncio.Task] = []
        self.started = 0.0

    def _count(self, table: dict, reason: str) -> None:
        table[reason] = table.get(reason, 0) + 1

    def _settled(self) -> None:
        if len(self.ready) + self.gone >= len(self.people):
            self.all_ready.set()

    async def open_one(self, index: int, user_id: int, session_key: str) -> None:
        import websockets

        daphne = self.daphnes[index % len(self.daphnes)]
        url = daphne.base.replace("http://", "ws://") + f"/ws/?last_id={self.last_id}"
        try:
            ws = await websockets.connect(
                url,
                origin=daphne.base,
                additional_headers={"Cookie": f"{self.cookie}={session_key}"},
                proxy=None,
                open_timeout=CONNECT_TIMEOUT_S,
                ping_interval=None,
                compression=None,
            )
        except (TimeoutError, OSError, websockets.exceptions.WebSocketException) as error:
            self._count(self.failures, f"{type(error).__name__}: {str(error)[:80]}")
            self.gone += 1
            self._settled()
            return
        self.sockets[user_id] = ws
        self.listeners.append(asyncio.ensure_future(self.listen(user_id, ws)))

    async def listen(self, user_id: int, ws) -> None:
        import websockets

        try:
            async for frame in ws:
                message = json.loads(frame)
                if message.get("type") == "replayed":
                    self.ready[user_id] = time.perf_counter()
                    self._settled()
                elif message.get("type") == "notification" and message.get("title") == self.title:
                    self.arrived[user_id] = time.perf_counter()
                    if len(self.arrived) == len(self.people):
                        self.all_arrived.set()
        except websockets.exceptions.ConnectionClosed:
            pass
        if ws.close_code is not None and user_id not in self.arrived:
            self._count(self.closed, str(ws.close_code))
            if user_id not in self.ready:
                self.gone += 1
                self._settled()

    async def connect_all(self) -> None:
        self.started = time.perf_counter()
        await asyncio.gather(*(self.open_one(i, uid, key) for i, (uid, key) in enumerate(self.people)))
        remaining = CONNECT_TIMEOUT_S - (time.perf_counter() - self.started)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.all_ready.wait(), max(remaining, 1))

    async def close(self) -> None:
        for task in self.listeners:
            task.cancel()
        await asyncio.gather(*(ws.close() for ws in self.sockets.values()), return_exceptions=True)


async def warm_up(daphnes: list[Daphne], person: tuple[int, str], last_id: int) -> None:
    """One socket per process, opened and closed: what the first socket loads (the consumer's modules,
    the database and Redis pools) is the process's, not the burst's."""
    for daphne in daphnes:
        burst = Burst([daphne], [person], last_id, title="")
        await burst.connect_all()
        await burst.close()
        if not burst.ready:
            raise RuntimeError(f"the warm-up socket failed: {burst.failures or burst.closed}")


async def run_burst(daphnes: list[Daphne], people: list[tuple[int, str]], label: str, prefix: str) -> dict:
    from asgiref.sync import sync_to_async
    from django.conf import settings
    from django.test import override_settings

    from solidarite.accounts.models import User
    from solidarite.notifications.services import notify

    last_id = await sync_to_async(latest_notification_id)()
    await warm_up(daphnes, people[0], last_id)
    await asyncio.sleep(1)  # let the warm-up's disconnect finish before the memory is read
    rss_before = [d.rss_kb() for d in daphnes]
    cpu_before, client_cpu = [d.cpu_s() for d in daphnes], time.process_time()

    title = f"Rafale {label} {uuid.uuid4().hex[:6]}"
    burst = Burst(daphnes, people, last_id, title)
    await burst.connect_all()
    connect_s = time.perf_counter() - burst.started
    server_cpu = sum(d.cpu_s() for d in daphnes) - sum(cpu_before)
    client_cpu = time.process_time() - client_cpu
    await asyncio.sleep(1)  # the last replays' garbage, as after any burst
    rss_after = [d.rss_kb() for d in daphnes]
    open_now = len(burst.ready)

    sent: dict[int, float] = {}

    def notify_everyone():
        # The real path: persist, then push after commit through realtime (autocommit: at once).
        for user in User.objects.filter(pk__in=list(burst.ready)).order_by("id"):
            sent[user.pk] = time.perf_counter()
            notify(user, "bench", {"title": title, "body": "Une notification pour chacun."})

    burst.all_arrived.clear()
    if len(burst.ready) < len(people):  # then every ready socket is what delivery waits for
        burst.people = [p for p in people if p[0] in burst.ready]
    # The bench pushes through our layer class, on the prefix the servers of this run listen to.
    layers = {"default": {**settings.CHANNEL_LAYERS["default"]}}
    layers["default"]["CONFIG"] = {**layers["default"]["CONFIG"], "prefix": prefix}
    with override_settings(CHANNEL_LAYERS=layers):
        push_started = time.perf_counter()
        await sync_to_async(notify_everyone, thread_sensitive=False)()
        push_s = time.perf_counter() - push_started
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(burst.all_arrived.wait(), DELIVERY_TIMEOUT_S)
    await burst.close()

    latencies = [(burst.arrived[uid] - sent[uid]) * 1000 for uid in burst.arrived if uid in sent]
    connect_ms = [(at - burst.started) * 1000 for at in burst.ready.values()]
    grown_kb = sum(rss_after) - sum(rss_before)
    return {
        "connected": len(burst.ready),
        "delivered": len(latencies),
        "connect_s": connect_s,
        "connect_p50": percentile(connect_ms, 50),
        "connect_p99": percentile(connect_ms, 99),
        "connect_cpu_server_s": server_cpu,
        "connect_cpu_client_s": client_cpu,
        "failures": burst.failures,
        "closed": burst.closed,
        "push_s": push_s,
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
        "rss_before_mb": [round(kb / 1024) for kb in rss_before],
        "rss_after_mb": [round(kb / 1024) for kb in rss_after],
        "kb_per_socket": grown_kb / open_now if open_now else float("nan"),
    }


def run(env: dict, tmp: Path, people, *, servers: int, settings_module: str, label: str, prefix: str) -> dict:
    backlog = int(BACKLOG) if BACKLOG is not None else min(max(1024, len(people)), somaxconn())
    daphnes = []
    try:
        for i in range(servers):
            server_env = {**env, "DJANGO_SETTINGS_MODULE": settings_module, "CHANNEL_LAYER_PREFIX": prefix}
            log = tmp / f"daphne-{label}-{i}.log"
            daphnes.append(
                Daphne(
                    server_env, "solidarite.asgi:application", log, backlog=backlog, handshake_timeout=CONNECT_TIMEOUT_S
                )
            )
        for daphne in daphnes:
            daphne.wait_ready()
        figures = asyncio.run(run_burst(daphnes, people, label, prefix))
    finally:
        for daphne in daphnes:
            daphne.stop()
    figures["max_connections_errors"] = sum(d.log_count("MaxConnectionsError") for d in daphnes)
    figures["server_errors"] = sum(d.log_count("Traceback") for d in daphnes)
    return figures


def detail(name: str, n: int, f: dict) -> str:
    return (
        f"{name} connected={f['connected']}/{n} delivered={f['delivered']}/{n} connect_s={f['connect_s']:.1f} "
        f"connect_p50_ms={f['connect_p50']:.0f} connect_p99_ms={f['connect_p99']:.0f} "
        f"notify_all_s={f['push_s']:.1f} MaxConnectionsError={f['max_connections_errors']} "
        f"tracebacks={f['server_errors']} failures={f['failures'] or 0} closed={f['closed'] or 0} "
        f"connect_cpu_s=server:{f['connect_cpu_server_s']:.1f},client:{f['connect_cpu_client_s']:.1f} "
        f"rss_mb={f['rss_before_mb']}->{f['rss_after_mb']}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sockets", type=int, default=5000, help="sockets that connect at once (default 5000)")
    parser.add_argument("--servers", type=int, default=2, help="daphne processes (default 2)")
    database_args(parser)
    parser.add_argument("--no-baseline", action="store_true", help="skip the stock channels_redis pool run")
    parser.add_argument("--plain-pool", action="store_true", help="run only the stock channels_redis pool")
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        print("bench/ws_burst.py runs on PostgreSQL: give --database-url postgres://…", file=sys.stderr)
        return 2

    with throwaway_stack(args, "wsburst") as (env, prefix, tmp):  # raises this process's RLIMIT_NOFILE
        problem = check_fd_limit(args.sockets)
        if problem:
            print(problem, file=sys.stderr)
            return 2
        people = prepare_people(args.sockets)
        register_bench_kind()
        n = len(people)
        from django.db import connections

        connections.close_all()  # the bench's own connection is not held across the runs
        if not args.no_baseline or args.plain_pool:
            plain = run(
                env, tmp, people, servers=args.servers, settings_module="settings_plain_pool", label="plain",
                prefix=f"{prefix}-plain",
            )  # fmt: skip
            print(detail("ws_burst_baseline pool=channels_redis-plain", n, plain), flush=True)
            if args.plain_pool:
                return 0 if plain["connected"] == plain["delivered"] == n else 1
        ours = run(
            env, tmp, people, servers=args.servers, settings_module="solidarite.settings", label="ours", prefix=prefix
        )
        print(detail(f"ws_burst_detail servers={args.servers} pool=blocking", n, ours), flush=True)
        print(
            f"ws_burst sockets={n} connected={ours['connected']}/{n} delivered={ours['delivered']}/{n} "
            f"p50_ms={ours['p50']:.1f} p99_ms={ours['p99']:.1f} kb_per_socket={ours['kb_per_socket']:.1f}",
            flush=True,
        )
        return 0 if ours["connected"] == ours["delivered"] == n else 1


if __name__ == "__main__":
    sys.exit(main())
