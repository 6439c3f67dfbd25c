"""Estimate of rights (OpenFisca-France): cold start, warm latency, memory, and pages during a burst.

    cd <worktree> && python -m bench.rights_estimate

Prints, in this order: the naive baseline (each household alone, every aid computed without the
engine's shortcuts: what a first implementation does), the burst through the worker pool (50 households
queued at once, batched), and last the line the issue asks for:

    estimate households=50 p50_ms= p99_ms= cold_ms= rss_mb= pages_p50_during_ms= pages_p50_idle_ms=

- cold_ms: loading the tax-benefit system and the first simulation, in this fresh process;
- rss_mb: what that adds to the process's resident memory (a worker holds the same);
- p50/p99: one household at a time, warm, through engine.compute (what one person waits once the
  worker is free: the dispatching adds only a pipe round trip);
- pages: a stand-in page (a small JSON render, CPU-bound like a template) served by a thread of this
  process, measured idle, then while the 50 households of the burst are computed by the pool's worker
  process. The dispatcher thread lives in this process, as it lives in the web process.
"""

from __future__ import annotations

import json
import os
import random
import resource
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.request import urlopen

# Run as a script (the README's `python bench/rights_estimate.py`): the project's root comes first.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.stats import p50_p99, percentile  # noqa: E402
from solidarite.estimate import engine, pool  # noqa: E402
from solidarite.estimate.situation import Household, Person  # noqa: E402

MONTH = "2026-11"


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def households(n: int, seed: int = 16) -> list[Household]:
    """Varied households like the town's: single, couples, 0-4 children, rents, resources, a few seniors
    and disabled people (those make the simulation compute more)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        salary = rng.choice([0, 0, 600, 1100, 1400, 1800, 2500])
        people = [
            Person(
                "demandeur",
                rng.randint(19, 70),
                "salarie" if salary else rng.choice(["chomeur", "inactif"]),
                disability=rng.choice([0] * 9 + [80]),
                resources={"salaire": (3 * salary, 12 * salary)},
            )
        ]
        if rng.random() < 0.5:
            people.append(
                Person(
                    "conjoint",
                    rng.randint(19, 70),
                    rng.choice(["inactif", "salarie"]),
                    resources={"salaire": (3 * salary / 2, 12 * salary / 2)},
                )
            )
        people += [Person("enfant", rng.randint(0, 17)) for _ in range(rng.choice([0, 0, 1, 2, 3, 4]))]
        housing = rng.choice(["locataire", "locataire_hlm", "proprietaire", "heberge"])
        out.append(Household(people, housing=housing, rent=rng.choice([350, 480, 620, 800])))
    return out


class Page(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        body = json.dumps([{"id": i, "title": f"Aide {i}", "text": "x" * 40} for i in range(400)]).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def page_times(url: str, count: int, stop: threading.Event | None = None) -> list[float]:
    times = []
    for _ in range(count):
        if stop is not None and stop.is_set():
            break
        started = time.perf_counter()
        with urlopen(url, timeout=10) as response:  # noqa: S310 (loopback, our own server)
            response.read()
        times.append((time.perf_counter() - started) * 1000)
        time.sleep(0.02)
    return times


def main() -> None:
    n = int(os.environ.get("BENCH_HOUSEHOLDS", "50"))
    sample = households(n)
    before = rss_mb()
    started = time.perf_counter()
    engine.system()
    engine.compute(sample[:1], MONTH)
    cold_ms = (time.perf_counter() - started) * 1000
    added = rss_mb() - before

    naive = []
    for household in sample[: int(os.environ.get("BENCH_NAIVE", "10"))]:
        t = time.perf_counter()
        engine.compute([household], MONTH, shortcuts=False)
        naive.append((time.perf_counter() - t) * 1000)
    print(f"naive households={len(naive)} {p50_p99(naive, digits=0)}", flush=True)

    warm = []
    for household in sample:
        t = time.perf_counter()
        engine.compute([household], MONTH)
        warm.append((time.perf_counter() - t) * 1000)
    print(f"warm households={n} {p50_p99(warm, digits=0)}", flush=True)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    pool.start()
    pool.submit(sample[0], MONTH).result(timeout=120)  # the worker has loaded the system
    idle = page_times(url, 60)

    done = threading.Event()
    during: list[float] = []
    pager = threading.Thread(target=lambda: during.extend(page_times(url, 10_000, done)))
    pager.start()
    t0 = time.perf_counter()
    futures = [(pool.submit(h, MONTH), time.perf_counter()) for h in sample]
    burst = []
    for future, submitted in futures:
        future.result(timeout=600)
        burst.append((time.perf_counter() - submitted) * 1000)
    total = (time.perf_counter() - t0) * 1000
    done.set()
    pager.join()
    server.shutdown()
    pool.shutdown()
    print(
        f"burst households={n} through the pool (batched, 1 worker process) {p50_p99(burst, digits=0)} "
        f"total_ms={total:.0f}",
        flush=True,
    )
    print(
        f"estimate households={n} {p50_p99(warm, digits=0)} cold_ms={cold_ms:.0f} rss_mb={added:.0f} "
        f"pages_p50_during_ms={percentile(during, 50):.2f} pages_p50_idle_ms={percentile(idle, 50):.2f}"
    )


if __name__ == "__main__":
    main()
