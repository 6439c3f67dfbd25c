"""The frame of the benchmarks made of parts (``bench/commons.py``, ``bench/digital.py``): a throw-away
database (``--database-url postgres://…``, else a SQLite file), every part seeded then measured through its
real entry points, a one-row query and a one-row insert as the baseline of the same run, and the last line.

A part is a module of ``bench/<name>_parts/`` with ``seed(args, rng) -> state`` and
``measure(args, rng, state, timed) -> {"<figure>_ms": [samples…]}``.
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


def timed(fn, n):
    out = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def parser(*, seed: int, parts: dict[str, str]) -> argparse.ArgumentParser:
    """The options every part bench takes; the caller adds its sizes."""
    found = argparse.ArgumentParser()
    found.add_argument("--database-url", default="")
    found.add_argument("--samples", type=int, default=300)
    found.add_argument("--seed", type=int, default=seed)
    found.add_argument("--only", choices=sorted(parts), action="append", help="run only these parts")
    return found


def main(args, *, label: str, package: str, parts: dict[str, str], head: str) -> None:
    """Run ``parts`` (module name -> the figure of the last line) of ``bench.<package>``; the last line
    starts with ``head`` (the bench's name and size)."""
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    tmpdir = tempfile.TemporaryDirectory(prefix=f"bench-{label}-")
    test_settings = settings.DATABASES["default"].setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(Path(tmpdir.name) / "bench.sqlite3")
    else:
        test_settings["NAME"] = f"bench_{label}_{os.getpid()}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        _run(args, connection, package=package, parts=parts, head=head)
    finally:
        connection.close()
        connection.creation.destroy_test_db(test_settings["NAME"], verbosity=0)
        tmpdir.cleanup()


def _run(args, connection, *, package: str, parts: dict[str, str], head: str) -> None:
    from django.db import transaction

    from solidarite.accounts.models import User

    rng = random.Random(args.seed)
    names = args.only or list(parts)
    modules = {name: importlib.import_module(f"bench.{package}.{name}") for name in names}
    t0 = time.perf_counter()
    states = {name: module.seed(args, rng) for name, module in modules.items()}
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
    for name, module in modules.items():
        figures.update(module.measure(args, rng, states[name], timed))
    for key, samples in figures.items():
        print(f"  {key.removesuffix('_ms'):<28} {p50_p99(samples)}", flush=True)
    line = [head]
    for key in parts.values():
        if key in figures:
            line.append(f"{key.removesuffix('_ms')}_p50_ms={percentile(figures[key], 50):.2f}")
    print(" ".join(line), flush=True)
