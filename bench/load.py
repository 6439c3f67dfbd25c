"""load: the capacity of the site, in page views per second, beside what bare Django sustains in the same run.

    .venv/bin/python bench/load.py [--sockets 1000] [--step-s 15] [--servers 2]
        [--database-url postgres://…] [--redis-url redis://…]

A live site of its own (tests/proof/live.py: a throw-away database migrated with the demo data —
PostgreSQL with --database-url, else a SQLite file —, the Redis channel layer — a private
redis-server started for the run unless --redis-url names one —, and --servers daphne processes
on free 127.0.0.1 ports; people and sockets are spread over them, pushes cross between them
through Redis, as in production behind a load balancer).

N people, each with a real signed-in session, keep their socket open on /ws/ for the whole run. The
client then finds the knee itself, in steps of --step-s seconds: each step is open-loop (requests are
scheduled at a fixed rate; latency counts from the scheduled time, so a server that falls behind shows it)
and sends, at a rate R:
- page views: GET of the pages of PAGES (the main pages and every area's) by random signed-in people;
- posts, at R/10: a profile form POST (CSRF, database write, then notify() → Redis → the person's socket);
  notify latency is from the scheduled POST to the frame on the socket, each person at most once a step.
A step passes when the views' p99 is ≤ --p99-ms (500), with no error (failed or closed socket, answer not
2xx/3xx or none) and no notification lost (a successful post whose frame never came, waited for 15 s).
R doubles from --start until a step fails, then is bisected until the bounds are within --precision;
a step that cannot pass any more (too many late views already, or an error) stops early.

The same search, in the same run and on the same processes, for a bare Django view (``/bench/hello/``,
bench/settings_hello.py: the whole middleware stack, no session, no database, no template), without
cookies or posts. Last line:

    load sockets=<n> capacity_views_per_s=<R> bare_hello_per_s=<H> ratio=<R/H> p99_view_ms=… errors=<n> lost=<n>

(p99, errors and lost of the step that set the capacity). Exit status 1 if no step passed.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load_site import Site, http  # noqa: E402
from bench.stack import raise_nofile_limit  # noqa: E402
from bench.stats import percentile  # noqa: E402
from tests.proof.live import LiveSite, free_port  # noqa: E402

PAGES = [
    "/",
    "/entraide/",
    "/associations/",
    "/agenda/",
    "/commerces/",
    "/notifications/",
    "/compte/profil/",
    # The areas that joined since (issue 20, item 4): rights guide, a permanence, the estimate's start,
    # the épicerie, the commons (gardens, objethèque, giveaways, repair cafés), digital places, equipment.
    "/acces-aux-droits/",
    "/acces-aux-droits/permanences/acces-aux-droits-ccas/",
    "/acces-aux-droits/estimer-mes-droits/",
    "/epicerie/",
    "/jardins/",
    "/objetheque/",
    "/dons/",
    "/repair-cafes/",
    "/numerique/",
    "/equipement/",
]
HTTP_TIMEOUT_S = 30
LATE_WAIT_S = 15
MAX_IN_FLIGHT = 256
HELLO = "/bench/hello/"


class Step:
    """One open-loop step at ``rate`` requests per second; it fails as soon as it cannot pass any more."""

    def __init__(self, site: Site, rate: float, seconds: float, p99_ms: float, *, hello: bool):
        self.site, self.rate, self.seconds, self.p99_ms, self.hello = site, rate, seconds, p99_ms, hello
        self.total = int(rate * seconds)
        # Nearest-rank p99 ≤ the limit ⇔ no more than this many views over it.
        self.late_allowed = self.total - math.ceil(0.99 * self.total)
        self.view_ms: list[float] = []
        self.late = 0
        self.errors = 0
        self.in_flight: dict[int, float] = {}  # request serial -> scheduled time
        self.posts_ok: dict[int, float] = {}  # poster -> scheduled time of a post that succeeded
        self.slots = asyncio.Semaphore(MAX_IN_FLIGHT)

    def doomed(self) -> bool:
        now = time.monotonic()
        stuck = sum(1 for at in self.in_flight.values() if (now - at) * 1000 > self.p99_ms)
        return self.errors > 0 or self.late + stuck > self.late_allowed

    async def _request(self, serial: int, scheduled: float, port: int, method: str, path: str, **kw) -> int:
        self.in_flight[serial] = scheduled

        async def go():
            async with self.slots:
                return await http(port, method, path, **kw)

        try:
            return await asyncio.wait_for(go(), max(0.1, scheduled + HTTP_TIMEOUT_S - time.monotonic()))
        except Exception:
            return 0
        finally:
            self.in_flight.pop(serial, None)

    async def view(self, serial: int, scheduled: float) -> None:
        if self.hello:
            status = await self._request(
                serial, scheduled, self.site.ports[serial % len(self.site.ports)], "GET", HELLO, cookies={}
            )
        else:
            index = random.randrange(len(self.site.people))
            status = await self._request(
                serial,
                scheduled,
                self.site.port_of(index),
                "GET",
                random.choice(PAGES),
                cookies={"sessionid": self.site.people[index][1]},
            )
        ms = (time.monotonic() - scheduled) * 1000
        if 200 <= status < 400:
            self.view_ms.append(ms)
            self.late += ms > self.p99_ms
        else:
            self.errors += 1

    async def post(self, serial: int, scheduled: float, index: int) -> None:
        body = urlencode(
            {
                "csrfmiddlewaretoken": self.site.csrf,
                "display_name": f"Voisin charge {serial}",
                "quartier": "",
                "phone": "",
                "contact_note": "",
            }
        ).encode()
        cookies = {"sessionid": self.site.people[index][1], "csrftoken": self.site.csrf}
        status = await self._request(
            serial, scheduled, self.site.port_of(index), "POST", "/compte/profil/", cookies=cookies, body=body
        )
        if status == 302:
            self.posts_ok[index] = scheduled
        else:
            self.errors += 1

    async def run(self) -> dict:
        site = self.site
        socket_errors = site.socket_errors
        schedule = [(k / self.rate, "view", None) for k in range(self.total)]
        if not self.hello:
            posters = site.take_posters(int(self.rate / 10 * self.seconds))
            schedule += [(k * self.seconds / len(posters), "post", who) for k, who in enumerate(posters)]
        schedule.sort(key=lambda item: item[0])
        tasks = []
        aborted = False
        t0 = time.monotonic() + 0.2
        for serial, (offset, kind, who) in enumerate(schedule):
            at = t0 + offset
            delay = at - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            if serial % 25 == 0 and (self.doomed() or site.socket_errors > socket_errors):
                aborted = True
                break
            if kind == "view":
                tasks.append(asyncio.create_task(self.view(serial, at)))
            else:
                tasks.append(asyncio.create_task(self.post(serial, at, who)))
        while not aborted and any(not task.done() for task in tasks):
            if self.doomed():
                aborted = True
                break
            await asyncio.sleep(0.1)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self.errors += site.socket_errors - socket_errors
        passed = not aborted and not self.doomed()
        lost, notify_ms = 0, []  # counted only in a step that passed otherwise (no wait for a failed one)
        if passed and self.posts_ok:
            deadline = time.monotonic() + LATE_WAIT_S
            while time.monotonic() < deadline:
                notify_ms = [
                    (got[0] - at) * 1000
                    for who, at in self.posts_ok.items()
                    if (got := [t for t in site.arrivals.get(who, []) if t >= at])
                ]
                if len(notify_ms) == len(self.posts_ok):
                    break
                await asyncio.sleep(0.2)
            lost = len(self.posts_ok) - len(notify_ms)
        passed = passed and lost == 0
        p99 = percentile(self.view_ms, 99) if not aborted else float("nan")
        print(
            f"# {'hello' if self.hello else 'views'}_per_s={self.rate:g} "
            f"{'pass' if passed else 'fail'}{' (stopped early)' if aborted else ''}: "
            f"answered={len(self.view_ms)}/{self.total} late={self.late} p50_ms={percentile(self.view_ms, 50):.0f} "
            f"p99_ms={p99:.0f} errors={self.errors} posts_ok={len(self.posts_ok)} lost={lost if passed else '-'} "
            f"p99_notify_ms={percentile(notify_ms, 99):.0f}",
            flush=True,
        )
        await site.idle()
        return {"passed": passed, "p99": p99, "errors": self.errors, "lost": lost}


async def knee(site: Site, args, *, start: float, hello: bool) -> tuple[float, dict]:
    """The highest rate that passed: doubling from ``start`` until a step fails, then bisection."""
    good, bad, found = 0.0, 0.0, {}
    rate = start
    for _ in range(args.max_steps):
        result = await Step(site, rate, args.step_s, args.p99_ms, hello=hello).run()
        if result["passed"]:
            good, found = rate, result
        else:
            bad = rate
            found = found or result
        if bad and good and bad / good <= 1 + args.precision:
            break
        rate = round((good + bad) / 2) if bad else rate * 2
        if rate in (good, bad) or rate < 1:
            break
    return good, found


async def warm_up(site: Site) -> None:
    """Each page once per process and person group before measuring: the first view of a page loads its
    templates and fills the caches, a one-off the steps must not count."""
    slots = asyncio.Semaphore(4)

    async def one(port: int, path: str, key: str) -> None:
        async with slots:
            await http(port, "GET", path, cookies={"sessionid": key} if key else {})

    await asyncio.gather(
        *(one(port, path, site.people[k][1]) for port in site.ports for path in PAGES for k in range(3)),
        *(one(port, HELLO, "") for port in site.ports for _ in range(10)),
    )
    await site.idle()


async def measure(site: Site, args) -> tuple[float, dict, float]:
    await site.open_sockets(args.sockets)
    await warm_up(site)
    capacity, at_capacity = await knee(site, args, start=args.start, hello=False)
    hello, _ = await knee(site, args, start=max(2 * capacity, args.start), hello=True)
    await site.close()
    return capacity, at_capacity, hello


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sockets", type=int, default=1000)
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--step-s", type=float, default=15, help="seconds per step")
    parser.add_argument("--start", type=float, default=40, help="views per second of the first step")
    parser.add_argument("--precision", type=float, default=0.1, help="stop when the bounds are this close")
    parser.add_argument("--max-steps", type=int, default=8, help="steps per search at most")
    parser.add_argument("--p99-ms", type=float, default=500)
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
    live = LiveSite(redis_url=redis_url, name="load")
    try:
        live.create()
        people = live.remote("bulk_people", count=max(args.sockets, 1), prefix=f"charge-{secrets.token_hex(3)}")[
            "people"
        ]
        ports = []
        for _ in range(args.servers):
            url = live.start(DJANGO_SETTINGS_MODULE="bench.settings_hello")
            ports.append(int(url.rsplit(":", 1)[1]))
        site = Site(ports, [live.servers[port].pid for port in ports], people)
        capacity, at_capacity, hello = asyncio.run(measure(site, args))
    finally:
        live.close()
        if redis_process is not None:
            redis_process.terminate()
            redis_process.wait(timeout=10)
    ratio = capacity / hello if hello else float("nan")
    print(
        f"load sockets={len(site.sockets)} capacity_views_per_s={capacity:g} bare_hello_per_s={hello:g} "
        f"ratio={ratio:.2f} p99_view_ms={at_capacity.get('p99', float('nan')):.0f} "
        f"errors={at_capacity.get('errors', 0)} lost={at_capacity.get('lost', 0)}"
    )
    return 0 if capacity else 1


if __name__ == "__main__":
    sys.exit(main())
