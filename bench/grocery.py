"""The épicerie sociale at the size of a large town: 5,000 households, 200 slots a week, 100,000 past visits.

Seeds a throw-away database (``--database-url postgres://…``, else the configured one, a SQLite file by
default), then measures through the real entry points:

- a till lookup (``services.find_household``: the rate-limit counter, the keyed hash, the lookup; then
  ``services.card``: the right and the month's spend), as the till page does for each code typed;
- a visit (``services.record_visit``: the household row lock, the month's spend row, the conditional
  update, the visit row, the day view's hint after commit);
- a surplus offer matched against the épiceries' needs (``surplus.offer_surplus``: candidates scored
  with the help matcher's ``blend``, match rows, the managers' notifications).

Baseline in the same run: a one-row primary-key query and a bare insert of a visit row in a transaction.
Last line:

    grocery households=5000 till_lookup_p50_ms=… visit_p50_ms=… surplus_match_p50_ms=…

    .venv/bin/python bench/grocery.py [--database-url postgres://…] [--households 5000] [--visits 100000]
"""

import argparse
import datetime as dt
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

EPICERIES = 4  # a large town's épiceries sociales; each open 25 h a week: 50 slots of 30 min (200 in all)


def timed(fn, n):
    out = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def seed(args, rng):
    from django.utils import timezone

    from solidarite.accounts.models import User
    from solidarite.grocery import codes
    from solidarite.grocery.models import Grocery, Household, Orientation, Prescriber, Visit
    from solidarite.grocery.surplus_models import Category, Need
    from solidarite.shops.models import Shop

    now = timezone.now()
    today = timezone.localdate()
    staff = User.objects.create(email="bench-till@exemple.fr", display_name="Bench", password="!")
    manager = User.objects.create(email="bench-manager@exemple.fr", display_name="Gérante", password="!")
    owner = User.objects.create(email="bench-shop@exemple.fr", display_name="Commerçant", password="!")
    prescriber = Prescriber.objects.create(user=staff, kind="ccas", organisation="CCAS", granted_at=now)
    groceries = []
    for i in range(EPICERIES):
        grocery = Grocery.objects.create(
            slug=f"epicerie-{i}",
            name=f"Épicerie {i}",
            run_by="CCAS",
            address="Rezé",
            latitude=f"{47.17 + i * 0.01:.6f}",
            longitude="-1.550000",
            opening_hours="Mo-Fr 09:00-14:00",
            slot_capacity=5,
        )
        grocery.volunteers.add(staff)
        grocery.managers.add(manager)
        Need.objects.bulk_create(Need(grocery=grocery, category=c, updated_at=now) for c in Category.values)
        groceries.append(grocery)
    shop = Shop.objects.create(
        name="Boulangerie",
        slug="boulangerie",
        kind=Shop.Kind.FOOD,
        address="Rezé",
        latitude=47.18,
        longitude=-1.55,
        opening_hours="Mo-Sa 07:00-19:00",
        siret="73282932000074",
        status=Shop.Status.VERIFIED,
        verified_at=now,
        owner=owner,
    )
    typed = [codes.generate() for _ in range(args.households)]
    households = Household.objects.bulk_create(
        (
            Household(
                grocery=groceries[i % EPICERIES],
                code_hash=codes.digest(code),
                code_hint=codes.hint(code),
                size_band=rng.choice(["1", "2", "3-4", "5+"]),
            )
            for i, code in enumerate(typed)
        ),
        batch_size=2000,
    )
    Orientation.objects.bulk_create(
        (
            Orientation(
                household=h,
                prescriber=prescriber,
                starts_on=today - dt.timedelta(days=rng.randrange(1, 300)),
                ends_on=today + dt.timedelta(days=rng.randrange(30, 200)),
                allowance=1_000_000 // 10,  # 1 000 €: the bench never runs out
            )
            for h in households
        ),
        batch_size=2000,
    )
    Visit.objects.bulk_create(
        (
            Visit(
                grocery=h.grocery,
                household=h,
                size_band=h.size_band,
                amount=rng.randrange(500, 3000),
                at=now - dt.timedelta(days=rng.randrange(31, 700), minutes=rng.randrange(600)),
                by=staff,
            )
            for h in (households[rng.randrange(len(households))] for _ in range(args.visits))
        ),
        batch_size=5000,
    )
    return staff, owner, shop, groceries, households, typed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="")
    parser.add_argument("--households", type=int, default=5000)
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--seed", type=int, default=44143)
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    tmpdir = tempfile.TemporaryDirectory(prefix="bench-grocery-")
    test_settings = settings.DATABASES["default"].setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(Path(tmpdir.name) / "bench.sqlite3")
    else:
        test_settings["NAME"] = f"bench_grocery_{os.getpid()}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        run(args, connection)
    finally:
        connection.close()
        connection.creation.destroy_test_db(test_settings["NAME"], verbosity=0)
        tmpdir.cleanup()


def run(args, connection):
    from django.db import transaction
    from django.utils import timezone

    from solidarite.grocery import services, surplus
    from solidarite.grocery.models import Household, Visit
    from solidarite.notifications.models import Notification

    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    staff, owner, shop, groceries, households, typed = seed(args, rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"seeded {len(households)} households, {Visit.objects.count()} visits in "
        f"{time.perf_counter() - t0:.1f}s ({connection.vendor})",
        flush=True,
    )

    def lookup(i):
        k = rng.randrange(len(typed))
        household = services.find_household(typed[k], who=f"bench:{i}", grocery=households[k].grocery)
        services.card(household)

    def visit(i):
        household = households[(i * 7919) % len(households)]
        services.record_visit(by=staff, grocery=household.grocery, household=household, amount=250)

    until = timezone.now() + dt.timedelta(days=3)

    def offer(i):
        surplus.offer_surplus(by=owner, shop=shop, category="pain", what=f"Pains {i}", kg="4.0", until=until)

    def query(i):
        Household.objects.filter(pk=households[i % len(households)].pk).exists()

    def insert(i):
        household = households[i % len(households)]
        with transaction.atomic():
            Visit.objects.create(grocery=household.grocery, size_band="2", amount=1, at=timezone.now())

    for fn in (lookup, visit, offer, query):  # warm-up: caches, parsed opening hours, prepared plans
        timed(fn, 10)
    n = args.samples
    query_ms, insert_ms = timed(query, n), timed(insert, n)
    lookup_ms, visit_ms = timed(lookup, n), timed(visit, n)
    notified_before = Notification.objects.count()
    offer_ms = timed(offer, n // 3)
    notified = (Notification.objects.count() - notified_before) / len(offer_ms)
    print(f"  baseline query (one row by primary key):    {p50_p99(query_ms)}", flush=True)
    print(f"  baseline insert (one row, one transaction): {p50_p99(insert_ms)}", flush=True)
    print(f"  till lookup (code -> right and month left): {p50_p99(lookup_ms)}", flush=True)
    print(f"  visit (services.record_visit):              {p50_p99(visit_ms)}", flush=True)
    print(f"  surplus offer matched ({EPICERIES} épiceries): {p50_p99(offer_ms)} notifications/offer={notified:.1f}")
    print(
        f"grocery households={len(households)} till_lookup_p50_ms={percentile(lookup_ms, 50):.2f} "
        f"visit_p50_ms={percentile(visit_ms, 50):.2f} surplus_match_p50_ms={percentile(offer_ms, 50):.2f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
