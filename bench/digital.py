"""Digital inclusion at scale: refurbished devices allocated to the waiting list, places of digital help.

Seeds a throw-away database (``--database-url postgres://…``, else the configured one, a SQLite file by
default), then measures each service through its real entry points (``bench/digital_parts/``):

- ``devices``: 10,000 equipment requests and 2,000 devices; a new device allocated by the priority rules;
- ``places``: places of digital help; the public map's answer.

Baseline in the same run: a one-row primary-key query and a bare one-row insert in a transaction.
Last line:

    digital requests=10000 allocate_p50_ms=… map_p50_ms=…

    .venv/bin/python bench/digital.py [--database-url postgres://…] [--requests 10000] [--devices 2000]
                                      [--only places|devices]
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
PARTS = {"devices": "allocate_ms", "places": "map_ms"}


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
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--devices", type=int, default=2000)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--seed", type=int, default=19019)
    parser.add_argument("--only", choices=sorted(PARTS), action="append", help="run only these parts")
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    tmpdir = tempfile.TemporaryDirectory(prefix="bench-digital-")
    test_settings = settings.DATABASES["default"].setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(Path(tmpdir.name) / "bench.sqlite3")
    else:
        test_settings["NAME"] = f"bench_digital_{os.getpid()}"
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
    parts = {name: importlib.import_module(f"bench.digital_parts.{name}") for name in names}
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
    line = [f"digital requests={args.requests}"]
    for key in PARTS.values():
        if key in figures:
            line.append(f"{key.removesuffix('_ms')}_p50_ms={percentile(figures[key], 50):.2f}")
    print(" ".join(line), flush=True)


if __name__ == "__main__":
    main()
