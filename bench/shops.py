"""Shop search and "open now" over a town-sized directory (default 5,000 shops).

Runs on a throw-away SQLite file (or BENCH_DATABASE_URL, e.g. a scratch PostgreSQL database: it is
filled and left as is, so never point it at real data). Each measure is what the list page does: the
filtered count plus one page of 20 shops with their quartier, tags and current initiatives.

Baseline, in the same run: "open now" the naive way — read every shop's opening_hours, parse and
evaluate each row (no sharing, no cache), then filter by primary key.

Usage: .venv/bin/python bench/shops.py [--rows 5000] [--repeat 40]
Last line: shops rows=<n> search_p50_ms=… open_now_p50_ms=…
"""

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stats import percentile  # noqa: E402

DAY_SETS = ["Mo-Fr", "Mo-Sa", "Tu-Sa", "Tu-Su", "We-Su", "Mo,We,Fr", "Tu,Th", "Sa", "Su", "Mo-Su"]
TIME_SETS = [
    "09:00-19:00",
    "08:00-12:30,14:00-19:00",
    "09:30-12:30,14:00-18:30",
    "07:00-13:00,15:30-19:30",
    "10:00-19:00",
    "18:00-02:00",
    "08:00-20:00",
    "09:00-12:00",
    "14:00-18:00",
]
PREFIXES = ["Chez", "Au", "La Maison de", "L'Atelier de"]
WORDS = ["vrac", "bio", "livres", "vélo", "couture", "pain", "café", "légumes", "jeux", "occasion", "fleurs", "fromage"]


def expression(rng: random.Random) -> str:
    # A few common patterns dominate (chains of the same hours), with a long tail of unique ones.
    if rng.random() < 0.05:
        minute = rng.choice(["00", "15", "30", "45"])
        return f"Mo-Fr {rng.randint(6, 10):02d}:{minute}-{rng.randint(16, 20):02d}:00; PH off"
    rules = f"{rng.choice(DAY_SETS)} {rng.choice(TIME_SETS)}"
    if rng.random() < 0.4:
        rules += f"; Sa {rng.choice(TIME_SETS)}"
    if rng.random() < 0.6:
        rules += "; PH off"
    return rules


def setup_django(database_url: str | None):
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        handle, path = tempfile.mkstemp(prefix="bench-shops-", suffix=".sqlite3")
        os.close(handle)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarite.settings_test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return None if database_url else os.environ["DATABASE_URL"][len("sqlite:///") :]


def fill(rows: int, rng: random.Random):
    from django.utils import timezone
    from taggit.models import Tag, TaggedItem

    from solidarite.places.models import Quartier
    from solidarite.shops.models import Initiative, Shop

    if Shop.objects.count() >= rows:
        return
    quartiers = list(Quartier.objects.all())
    kinds = Shop.Kind.values
    now = timezone.now()
    shops = [
        Shop(
            name=f"{rng.choice(PREFIXES)} {rng.choice(WORDS).title()} {i}",
            slug=f"bench-{i}",
            kind=rng.choice(kinds),
            description=" ".join(rng.choices(WORDS, k=8)),
            address=f"{rng.randint(1, 200)} rue {rng.choice(['Jean-Jaurès', 'Alsace-Lorraine', 'du Château'])}",
            quartier=rng.choice(quartiers),
            latitude=47.17 + rng.random() * 0.03,
            longitude=-1.57 + rng.random() * 0.04,
            opening_hours=expression(rng) if rng.random() < 0.95 else "",
            status=Shop.Status.VERIFIED if rng.random() < 0.95 else Shop.Status.PENDING,
            hidden=rng.random() < 0.01,
            verified_at=now,
        )
        for i in range(rows)
    ]
    Shop.objects.bulk_create(shops, batch_size=1000)
    shops = list(Shop.objects.only("pk"))
    tags = [Tag.objects.get_or_create(name=w, slug=w)[0] for w in WORDS]
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(Shop)
    TaggedItem.objects.bulk_create(
        [
            TaggedItem(tag=tag, content_type=ct, object_id=shop.pk)
            for shop in shops
            for tag in rng.sample(tags, k=rng.randint(0, 3))
        ],
        batch_size=2000,
    )
    today = timezone.localdate()
    Initiative.objects.bulk_create(
        [
            Initiative(
                shop=shop,
                kind=rng.choice(Initiative.Kind.values),
                title=f"Initiative {shop.pk}",
                description="Panier suspendu",
                starts_on=start,
                ends_on=None if rng.random() < 0.5 else start + timedelta(days=rng.randint(0, 90)),
            )
            for shop, start in (
                (shop, today - timedelta(days=rng.randint(0, 60))) for shop in rng.sample(shops, k=len(shops) // 10)
            )
        ],
        batch_size=1000,
    )


def page_of(qs):
    """What the list page does with a result set."""
    from solidarite.shops.search import for_display

    count = qs.count()
    return count, list(for_display(qs.order_by("name", "pk"))[:20])


CPU_MS: dict[str, list[float]] = {}


def timed(fn, repeat: int) -> list[float]:
    """Wall-clock samples in ms; this process's CPU time is kept aside (SQLite runs in-process, so on a
    loaded machine CPU time shows the cost of our code without the wait for a core)."""
    samples, cpu = [], []
    for i in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn(i)
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    CPU_MS[fn.__name__] = cpu
    return samples


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    rng = random.Random(7)
    scratch = setup_django(os.environ.get("BENCH_DATABASE_URL"))
    try:
        run(args, rng)
    finally:
        if scratch:
            for suffix in ("", "-wal", "-shm"):
                Path(scratch + suffix).unlink(missing_ok=True)


def run(args, rng):
    import opening_hours

    from solidarite.places.models import Quartier
    from solidarite.shops import hours
    from solidarite.shops.models import Shop
    from solidarite.shops.search import search

    fill(args.rows, rng)
    rows = Shop.objects.count()
    listed = Shop.objects.listed().count()
    distinct = Shop.objects.exclude(opening_hours="").values("opening_hours").distinct().count()
    quartiers = list(Quartier.objects.all())
    kinds = Shop.Kind.values
    # Monday 1 December 2025 from 08:00, moving 17 minutes per request: crosses openings and closings.
    start = hours.local().replace(year=2025, month=12, day=1, hour=8, minute=0, second=0, microsecond=0)

    def search_once(i):
        r = random.Random(i)
        params = [
            {"q": r.choice(WORDS)},
            {"kind": r.choice(kinds)},
            {"tag": r.choice(WORDS), "quartier": r.choice(quartiers)},
            {"q": r.choice(WORDS), "kind": r.choice(kinds), "quartier": r.choice(quartiers)},
        ][i % 4]
        page_of(search(**params))

    def open_now_once(i):
        page_of(search(open_now=True, at=start + timedelta(minutes=17 * i)))

    def baseline_open_now_once(i):
        at = start + timedelta(minutes=17 * i)
        open_ids = []
        for pk, value in Shop.objects.listed().exclude(opening_hours="").values_list("pk", "opening_hours"):
            oh = opening_hours.OpeningHours(value, timezone=hours.PARIS, country="FR")
            if oh.is_open(at):
                open_ids.append(pk)
        page_of(Shop.objects.filter(pk__in=open_ids))

    search_once(0)  # warm the connection
    search_ms = timed(search_once, args.repeat)
    hours.cache.clear()
    cold = timed(open_now_once, 1)[0]
    open_ms = timed(open_now_once, args.repeat)
    baseline_ms = timed(baseline_open_now_once, max(5, args.repeat // 4))
    from django.db import connection

    def p50(values):
        return percentile(values, 50)

    load = os.getloadavg()[0]
    print(
        f"database={connection.vendor} rows={rows} listed={listed} distinct_opening_hours={distinct} load1={load:.1f}"
    )
    cpu = {name: p50(values) for name, values in CPU_MS.items()}
    print(
        f"cpu p50: search={cpu['search_once']:.1f} ms open_now={cpu['open_now_once']:.1f} ms "
        f"baseline_open_now={cpu['baseline_open_now_once']:.1f} ms"
    )
    print(f"search p50={p50(search_ms):.1f} ms p95={percentile(search_ms, 95):.1f} ms")
    print(f"open_now cold (empty parse cache)={cold:.1f} ms; warm p50={p50(open_ms):.1f} ms")
    print(f"baseline open_now (parse and evaluate every row, no cache) p50={p50(baseline_ms):.1f} ms")
    print(f"shops rows={rows} search_p50_ms={p50(search_ms):.1f} open_now_p50_ms={p50(open_ms):.1f}")


if __name__ == "__main__":
    main()
