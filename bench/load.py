"""load: signed-in sockets held open while people post and read pages, on loopback only.

    .venv/bin/python bench/load.py [--sockets 1000] [--posts-per-s 20] [--views-per-s 200]
        [--duration 60] [--servers 2] [--database-url postgres://…] [--redis-url redis://…]

A live site of its own (tests/proof/live.py: a throw-away database migrated with the demo data —
PostgreSQL with --database-url, else a SQLite file —, the Redis channel layer — a private
redis-server started for the run unless --redis-url names one —, and --servers daphne processes
on free 127.0.0.1 ports; people and sockets are spread over them, pushes cross between them
through Redis, as in production behind a load balancer).

N people, each with a real signed-in session, keep their socket open on /ws/. For --duration
seconds, an open-loop client (requests are scheduled at a fixed rate; latency counts from the
scheduled time, so a server that falls behind shows it) sends:
- page views: GET of the main pages (home, help feed, directory, agenda, shops, notifications,
  profile) by random signed-in people, --views-per-s per second;
- posts: a profile form POST (CSRF, database write, then notify() → Redis → the person's socket),
  --posts-per-s per second, spread over the whole run; notify latency is from the scheduled POST to
  the frame on the socket. Each person posts at most once (so each frame pairs with its post): with
  fewer open sockets than --posts-per-s × --duration, the posts are fewer and spaced wider, and the
  rate really used is printed.

Baseline, in the same run and before the load: the same views rate for a few seconds on a static
file (whitenoise, no database), on an idle server. Last line:

    load sockets=<n> posts=<n> views=<n> errors=<n> p99_view_ms=… p99_notify_ms=… lost=<n> duplicated=<n>

errors = failed socket connections, sockets closed by the server, and HTTP answers that are not
2xx/3xx or not answered; lost = successful posts whose notification never reached the socket
(waited for 15 s after the run); duplicated = frames of a notification that reached its socket more
than once. Exit status 1 if any of the three is not 0.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402

from bench.stats import percentile  # noqa: E402
from tests.proof.live import LiveSite, free_port  # noqa: E402

PAGES = ["/", "/entraide/", "/associations/", "/agenda/", "/commerces/", "/notifications/", "/compte/profil/"]
HTTP_TIMEOUT_S = 30
LATE_WAIT_S = 15
MAX_IN_FLIGHT = 256
CONNECTING = 100


def raise_nofile_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


async def http(port: int, method: str, path: str, *, cookies: dict, body: bytes = b"") -> int:
    """One HTTP/1.1 request on its own connection; returns the status code."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        head = [
            f"{method} {path} HTTP/1.1",
            f"Host: 127.0.0.1:{port}",
            f"Cookie: {cookie}",
            "Connection: close",
            "Accept-Language: fr",
        ]
        if body:
            head += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        await writer.drain()
        status_line = await reader.readline()
        status = int(status_line.split()[1])
        while await reader.read(65536):  # drain the body: the page is really served
            pass
        return status
    finally:
        writer.close()


class Run:
    def __init__(self, ports: list[int], people: list[list]):
        self.ports = ports
        self.people = people  # [user id, session key]
        self.csrf = secrets.token_hex(16)  # a CSRF secret of our own, as the cookie and the form field
        self.sockets: dict[int, object] = {}
        self.socket_errors = 0
        self.http_errors = 0
        self.view_ms: list[float] = []
        self.view_at: list[float] = []  # scheduled time of each answered view, beside view_ms
        self.notify_ms: list[float] = []
        self.posts_ok: dict[str, float] = {}  # display name posted -> scheduled time
        self.views = 0
        self.posts = 0
        self.in_flight = asyncio.Semaphore(MAX_IN_FLIGHT)

    def port_of(self, index: int) -> int:
        return self.ports[index % len(self.ports)]

    closing = False

    async def _bounded(self, scheduled: float, request) -> int:
        """Run a request that must be answered within HTTP_TIMEOUT_S of its scheduled time,
        waiting for a free slot included: a server that falls behind shows errors, and the run
        stays bounded in time."""

        async def go():
            async with self.in_flight:
                return await request

        try:
            return await asyncio.wait_for(go(), max(0.1, scheduled + HTTP_TIMEOUT_S - time.monotonic()))
        except Exception:
            request.close()
            return 0

    async def view(self, scheduled: float, index: int) -> None:
        _, key = self.people[index]
        status = await self._bounded(
            scheduled, http(self.port_of(index), "GET", random.choice(PAGES), cookies={"sessionid": key})
        )
        self.views += 1
        if 200 <= status < 400:
            self.view_ms.append((time.monotonic() - scheduled) * 1000)
            self.view_at.append(scheduled)
        else:
            self.http_errors += 1

    async def post(self, scheduled: float, index: int, serial: int) -> None:
        _, key = self.people[index]
        name = f"Voisin charge {serial}"
        body = urlencode(
            {"csrfmiddlewaretoken": self.csrf, "display_name": name, "quartier": "", "phone": "", "contact_note": ""}
        ).encode()
        status = await self._bounded(
            scheduled,
            http(
                self.port_of(index),
                "POST",
                "/compte/profil/",
                cookies={"sessionid": key, "csrftoken": self.csrf},
                body=body,
            ),
        )
        self.posts += 1
        if status == 302:
            self.posts_ok[f"{index}:{serial}"] = scheduled
        else:
            self.http_errors += 1


async def drive(run: Run, *, sockets: int, posts_per_s: float, views_per_s: float, duration: float) -> dict:
    arrivals: dict[int, list[float]] = {}

    async def listen(socket, index):
        try:
            async for frame in socket:
                message = json.loads(frame)
                if message.get("type") == "notification" and message.get("kind") == "profile_updated":
                    arrivals.setdefault(index, []).append(time.monotonic())
        except websockets.ConnectionClosed as closed:
            if not run.closing and (closed.rcvd is None or closed.rcvd.code not in (1000, 1001)):
                run.socket_errors += 1

    async def open_socket(index: int) -> None:
        _, key = run.people[index]
        port = run.port_of(index)
        try:
            socket = await websockets.connect(
                f"ws://127.0.0.1:{port}/ws/",
                origin=f"http://127.0.0.1:{port}",
                additional_headers={"Cookie": f"sessionid={key}"},
                open_timeout=120,
                max_queue=None,
            )
        except Exception as error:
            run.socket_errors += 1
            if run.socket_errors <= 3:
                print(f"# socket {index} refused: {error!r}", flush=True)
            return
        run.sockets[index] = socket
        asyncio.get_running_loop().create_task(listen(socket, index))

    # People arrive in waves, not all in the same millisecond: at most CONNECTING handshakes at once.
    connecting = asyncio.Semaphore(CONNECTING)

    async def arrive(index: int) -> None:
        async with connecting:
            await open_socket(index)

    started = time.monotonic()
    await asyncio.gather(*(arrive(i) for i in range(sockets)))
    connect_s = time.monotonic() - started
    print(f"# {len(run.sockets)}/{sockets} sockets open in {connect_s:.1f} s", flush=True)

    # Posts go to people whose socket is open, each person at most once per run (one pending
    # notification per person keeps the arrival ↔ post pairing exact).
    posters = list(run.sockets)
    random.shuffle(posters)
    total_posts = min(int(posts_per_s * duration), len(posters))
    total_views = int(views_per_s * duration)
    # Spread over the whole run, even when there are fewer posters than posts asked for.
    post_every = duration / total_posts if total_posts else 0
    if total_posts < int(posts_per_s * duration):
        print(
            f"# {total_posts} posts (one per open socket) instead of {int(posts_per_s * duration)}: "
            f"{total_posts / duration:.1f}/s instead of {posts_per_s:g}/s",
            flush=True,
        )
    schedule = [(k / views_per_s, "view", None) for k in range(total_views)]
    schedule += [(k * post_every, "post", posters[k]) for k in range(total_posts)]
    schedule.sort(key=lambda item: item[0])
    posted: dict[int, float] = {}
    tasks = []
    t0 = time.monotonic() + 0.5
    for offset, kind, who in schedule:
        at = t0 + offset
        delay = at - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        if kind == "view":
            tasks.append(asyncio.create_task(run.view(at, random.randrange(len(run.people)))))
        else:
            posted[who] = at
            tasks.append(asyncio.create_task(run.post(at, who, len(posted))))
    await asyncio.gather(*tasks)
    # Posts that succeeded must each reach their person's socket once.
    succeeded = {int(key.split(":")[0]): at for key, at in run.posts_ok.items()}
    deadline = time.monotonic() + LATE_WAIT_S
    while time.monotonic() < deadline and any(who not in arrivals for who in succeeded):
        await asyncio.sleep(0.2)
    lost = 0
    duplicated = 0
    for who, at in succeeded.items():
        got = arrivals.get(who, [])
        if not got:
            lost += 1
            continue
        duplicated += len(got) - 1
        run.notify_ms.append((got[0] - at) * 1000)
    run.closing = True
    await asyncio.gather(*(socket.close() for socket in run.sockets.values()), return_exceptions=True)
    return {"lost": lost, "duplicated": duplicated, "connect_s": connect_s}


async def baseline(ports: list[int], *, views_per_s: float, seconds: float) -> float:
    latencies: list[float] = []
    errors = 0

    async def one(at: float, port: int):
        nonlocal errors
        try:
            status = await asyncio.wait_for(http(port, "GET", "/static/css/site.css", cookies={}), HTTP_TIMEOUT_S)
        except Exception:
            status = 0
        if status == 200:
            latencies.append((time.monotonic() - at) * 1000)
        else:
            errors += 1

    tasks = []
    t0 = time.monotonic()
    for k in range(int(views_per_s * seconds)):
        at = t0 + k / views_per_s
        delay = at - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(at, ports[k % len(ports)])))
    await asyncio.gather(*tasks)
    print(
        f"# baseline (static file, idle server): views={len(tasks)} errors={errors} "
        f"p50_ms={percentile(latencies, 50):.1f} p99_ms={percentile(latencies, 99):.1f}",
        flush=True,
    )
    return percentile(latencies, 99)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sockets", type=int, default=1000)
    parser.add_argument("--posts-per-s", type=float, default=20)
    parser.add_argument("--views-per-s", type=float, default=200)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--baseline-s", type=float, default=5)
    # Not DATABASE_URL implicitly: under a burst each daphne process opens tens of PostgreSQL
    # connections, which can exhaust a shared server's max_connections. Name it on purpose.
    parser.add_argument("--database-url", default="")
    parser.add_argument("--redis-url", default="")
    args = parser.parse_args()
    raise_nofile_limit()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)

    redis_process = None
    redis_url = args.redis_url
    if not redis_url:
        if not shutil.which("redis-server"):
            print("load: needs redis-server or --redis-url", file=sys.stderr)
            return 2
        port = free_port()
        redis_process = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        redis_url = f"redis://127.0.0.1:{port}/0"
        time.sleep(0.5)
    site = LiveSite(redis_url=redis_url, name="load")
    try:
        site.create()
        people = site.remote("bulk_people", count=max(args.sockets, 1), prefix=f"charge-{secrets.token_hex(3)}")[
            "people"
        ]
        ports = []
        for _ in range(args.servers):
            url = site.start()
            ports.append(int(url.rsplit(":", 1)[1]))
        asyncio.run(baseline(ports, views_per_s=args.views_per_s, seconds=args.baseline_s))
        run = Run(ports, people)
        figures = asyncio.run(
            drive(
                run,
                sockets=args.sockets,
                posts_per_s=args.posts_per_s,
                views_per_s=args.views_per_s,
                duration=args.duration,
            )
        )
    finally:
        site.close()
        if redis_process is not None:
            redis_process.terminate()
            redis_process.wait(timeout=10)
    if run.view_at:
        # How the run went: a server that keeps up shows flat decades, one that falls behind a ramp.
        start = min(run.view_at)
        decades: dict[int, list[float]] = {}
        for at, ms in zip(run.view_at, run.view_ms, strict=True):
            decades.setdefault(int((at - start) // 10), []).append(ms)
        print("# p50_view_ms by 10 s: " + " ".join(f"{percentile(v, 50):.0f}" for _, v in sorted(decades.items())))
    errors = run.socket_errors + run.http_errors
    print(
        f"# servers={len(ports)} connect_s={figures['connect_s']:.1f} socket_errors={run.socket_errors} "
        f"http_errors={run.http_errors} "
        f"p50_view_ms={percentile(run.view_ms, 50):.1f} p50_notify_ms={percentile(run.notify_ms, 50):.1f}"
    )
    lost, duplicated = figures["lost"], figures["duplicated"]
    print(
        f"load sockets={len(run.sockets)} posts={run.posts} views={run.views} errors={errors} "
        f"p99_view_ms={percentile(run.view_ms, 99):.1f} p99_notify_ms={percentile(run.notify_ms, 99):.1f} "
        f"lost={lost} duplicated={duplicated}"
    )
    return 0 if errors == 0 and lost == 0 and duplicated == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
