"""pages: what each main page costs the server, in CPU time per view, on a live daphne.

    .venv/bin/python bench/pages.py [--views 400] [--database-url postgres://…] [--redis-url redis://…]

A live site of its own (tests/proof/live.py: a throw-away database migrated with the demo data —
PostgreSQL with --database-url, else a SQLite file —, one daphne process, the Redis channel layer
when --redis-url names one). Twenty signed-in people ask each page --views times, four requests
at a time, on loopback; the daphne process's CPU time (user + system, from /proc) is divided by
the number of views. What bench/load.py can sustain follows from these figures: 200 views/s at
the mean below need that many CPU-milliseconds per second out of the 2,000 of two cores.

Baseline, in the same run: a static file (whitenoise, no database, no template), the floor of any
request through daphne and Django. Last line:

    pages views=<n> static_cpu_ms=… mean_cpu_ms=… max_cpu_ms=… (<page>)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import PAGES  # noqa: E402
from bench.load_site import http  # noqa: E402
from tests.proof.live import LiveSite  # noqa: E402

STATIC = "/static/css/site.css"
CONCURRENCY = 4
PEOPLE = 20
WARM_UP = 50


def cpu_ms(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


async def views(port: int, path: str, count: int, people: list) -> set[int]:
    slots = asyncio.Semaphore(CONCURRENCY)

    async def one(index: int) -> int:
        async with slots:
            return await http(port, "GET", path, cookies={"sessionid": people[index % len(people)][1]})

    return set(await asyncio.gather(*(one(i) for i in range(count))))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--views", type=int, default=400)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--redis-url", default="")
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    site = LiveSite(redis_url=args.redis_url, name="pages")
    figures: dict[str, float] = {}
    try:
        site.create()
        people = site.remote("bulk_people", count=PEOPLE, prefix="pages")["people"]
        port = int(site.start().rsplit(":", 1)[1])
        pid = site.servers[port].pid
        for path in [STATIC, *PAGES]:
            asyncio.run(views(port, path, WARM_UP, people))
            before = cpu_ms(pid)
            statuses = asyncio.run(views(port, path, args.views, people))
            figures[path] = (cpu_ms(pid) - before) / args.views
            if statuses != {200}:
                print(f"pages: {path} answered {sorted(statuses)}", file=sys.stderr)
                return 1
            print(f"# {path:24} cpu_ms={figures[path]:.2f}", flush=True)
    finally:
        site.close()
    pages = {path: ms for path, ms in figures.items() if path != STATIC}
    worst = max(pages, key=pages.get)
    print(
        f"pages views={args.views} static_cpu_ms={figures[STATIC]:.2f} "
        f"mean_cpu_ms={sum(pages.values()) / len(pages):.2f} max_cpu_ms={pages[worst]:.2f} ({worst})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
