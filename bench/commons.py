"""The commons of a large town: the library of things, giveaways and shared gardens at scale.

Seeds a throw-away database (``--database-url postgres://…``, else the configured one, a SQLite file by
default), then measures each service through its real entry points (``bench/commons_parts/``):

- ``loans``: 2,000 items and 50,000 past loans; a loan booked for a free period of one item;
- ``gifts``: 20,000 gifts and wishes; a gift offered and matched live against the open wishes;
- ``gardens``: gardens with plots and waiting lists; a freed plot offered to the next applicant.

Baseline in the same run: a one-row primary-key query and a bare one-row insert in a transaction.
Last line:

    commons items=2000 loan_p50_ms=… gift_match_p50_ms=… garden_offer_p50_ms=…

    .venv/bin/python bench/commons.py [--database-url postgres://…] [--items 2000] [--loans 50000]
                                      [--gifts 20000] [--only loans|gifts|gardens]
"""

import argparse
import importlib
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarite.settings")
os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 50)
os.environ["DEBUG"] = "false"

from bench.stats import p50_p99, percentile  # noqa: E402

# The part modules and the figure of the last line each one gives (its samples' key).
PARTS = {"loans": "loan_ms", "gifts": "gift_match_ms", "gardens": "garden_offer_ms"}


def timed(fn, n):
    out = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="")
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--loans", type=int, default=50_000)
    parser.add_argument("--gifts", type=int, default=20_000)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--seed", type=int, default=18018)
    parser.add_argument("--only", choices=sorted(PARTS), action="append", help="run only these parts")
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    tmpdir = tempfile.TemporaryDirectory(prefix="bench-commons-")
    test_settings = settings.DATABASES["default"].setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(Path(tmpdir.name) / "bench.sqlite3")
    else:
        test_settings["NAME"] = f"bench_commons_{os.getpid()}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        run(args, connection)
    finally:
        connection.close()
        connection.creation.destroy_test_db(test_settings["NAME"], verbosity=0)
        tmpdir.cleanup()


def run(args, connection):
    from django.db import transaction

    from solidarite.accounts.models import User

    rng = random.Random(args.seed)
    names = args.only or list(PARTS)
    parts = {name: importlib.import_module(f"bench.commons_parts.{name}") for name in names}
    t0 = time.perf_counter()
    states = {name: part.seed(args, rng) for name, part in parts.items()}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"seeded {', '.join(names)} in {time.perf_counter() - t0:.1f}s ({connection.vendor})", flush=True)

    anyone = User.objects.create(email="bench-baseline@exemple.fr", display_name="Base", password="!")

    def query(i):
        User.objects.filter(pk=anyone.pk).exists()

    def insert(i):
        with transaction.atomic():
            User.objects.create(email=f"bench-insert-{i}@exemple.fr", display_name="Base", password="!")

    timed(query, 10)
    figures = {"query_ms": timed(query, args.samples), "insert_ms": timed(insert, args.samples)}
    for name, part in parts.items():
        figures.update(part.measure(args, rng, states[name], timed))
    for key, samples in figures.items():
        print(f"  {key.removesuffix('_ms'):<28} {p50_p99(samples)}", flush=True)
    line = [f"commons items={args.items}"]
    for key in PARTS.values():
        if key in figures:
            line.append(f"{key.removesuffix('_ms')}_p50_ms={percentile(figures[key], 50):.2f}")
    print(" ".join(line), flush=True)


if __name__ == "__main__":
    main()
