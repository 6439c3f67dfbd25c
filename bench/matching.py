"""Matching cost against the size of the offers table.

Seeds offers over Rezé (bulk_create), then matches new requests through the real matching function
(``matching.match_new_request``: SQL prefilter, scoring, Match rows, commit) at 10,000 offers and
again at the full size, on the configured database (DATABASE_URL; a throw-away database is
created for the run and dropped after it). The full path with notifications (``alerts.match_request``)
is printed on its own line, with the notification rows it really wrote per request, counted in the
database. Last line:

    matching offers=<n> p50_ms=… p99_ms=… ratio_vs_10k=…

where the figures are for the full size and ratio_vs_10k = p50(full) / p50(10,000).

    .venv/bin/python bench/matching.py --offers 100000 [--requests 200]
"""

import argparse
import math
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarite.settings")
os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 50)
os.environ["DEBUG"] = "false"

import django  # noqa: E402

from bench.stats import p50_p99, percentile  # noqa: E402

BASELINE = 10_000
SPREAD_KM = 2.8  # Rezé is about 14 km²: seed within this distance of the centre
BATCH = 5_000


def random_point(rng, center):
    from solidarite.places.geo import KM_PER_DEGREE_LAT, Point

    r = SPREAD_KM * math.sqrt(rng.random())
    a = rng.random() * 2 * math.pi
    dlat = r * math.sin(a) / KM_PER_DEGREE_LAT
    dlon = r * math.cos(a) / (KM_PER_DEGREE_LAT * math.cos(math.radians(center.lat)))
    return Point(round(center.lat + dlat, 6), round(center.lon + dlon, 6))


def seed_offers(n, *, rng, users, categories, quartiers):
    from django.conf import settings
    from django.utils import timezone

    from solidarite.help.models import HelpOffer, OfferCategory
    from solidarite.places.geo import public_point
    from solidarite.places.models import town_center

    center = town_center()
    now = timezone.now()
    made = 0
    while made < n:
        size = min(BATCH, n - made)
        offers, points = [], []
        for _ in range(size):
            p = random_point(rng, center)
            shown = public_point(p, grid_m=settings.PUBLIC_POINT_GRID_M, salt=str(rng.random()))
            slots = []
            if rng.random() < 0.4:  # some people give weekly slots, the others any time
                slots = [[rng.randrange(7), 540, 720], [rng.randrange(7), 840, 1080]]
            offers.append(
                HelpOffer(
                    author=rng.choice(users),
                    description="Disponible pour un coup de main dans le quartier.",
                    radius_km=rng.choice([0.5, 1, 1.5, 2, 3, 5]),
                    latitude=p.lat,
                    longitude=p.lon,
                    public_latitude=shown.lat,
                    public_longitude=shown.lon,
                    quartier=min(quartiers, key=lambda q: (q.latitude - p.lat) ** 2 + (q.longitude - p.lon) ** 2),
                    weekly_slots=slots,
                    created_at=now - timedelta(days=rng.random() * 60),
                )
            )
            points.append(p)
        created = HelpOffer.objects.bulk_create(offers)
        if created[0].pk is None:  # a backend that does not return ids: read them back
            created = list(HelpOffer.objects.order_by("-id")[:size])[::-1]
        links = []
        for offer in created:
            for category in rng.sample(categories, rng.choice([1, 1, 2, 3])):
                links.append(
                    OfferCategory(offer=offer, category=category, latitude=offer.latitude, longitude=offer.longitude)
                )
        OfferCategory.objects.bulk_create(links)
        made += size


def new_requests(n, *, rng, users, categories, quartiers):
    from django.conf import settings
    from django.utils import timezone

    from solidarite.help.models import HelpRequest
    from solidarite.places.geo import public_point
    from solidarite.places.models import town_center

    center = town_center()
    now = timezone.now()
    rows = []
    for _ in range(n):
        p = random_point(rng, center)
        shown = public_point(p, grid_m=settings.PUBLIC_POINT_GRID_M, salt=str(rng.random()))
        rows.append(
            HelpRequest(
                author=rng.choice(users),
                category=rng.choice(categories),
                description="Besoin d'un coup de main, merci !",
                window_start=now,
                window_end=now + timedelta(days=rng.choice([1, 3, 7])),
                latitude=p.lat,
                longitude=p.lon,
                public_latitude=shown.lat,
                public_longitude=shown.lon,
                quartier=quartiers[0],
            )
        )
    created = HelpRequest.objects.bulk_create(rows)
    if created[0].pk is None:
        created = list(HelpRequest.objects.order_by("-id")[:n])[::-1]
    return [r.pk for r in created]


def measure(request_ids, *, notify=False):
    """Time the matching of each request: read it, prefilter, score, write its Match rows and
    commit; with ``notify``, the whole ``alerts.match_request`` (plus notification rows and
    their pushes), which is reported on its own line."""
    from django.db import transaction

    from solidarite.help import alerts, matching
    from solidarite.help.models import HelpRequest

    timings, matched = [], 0
    for request_id in request_ids:
        start = time.perf_counter()
        if notify:
            help_request = HelpRequest.objects.select_related("category", "author").get(pk=request_id)
            made = alerts.match_request(help_request=help_request)
        else:
            with transaction.atomic():
                help_request = HelpRequest.objects.select_related("category").get(pk=request_id)
                made = matching.match_new_request(help_request)
        timings.append((time.perf_counter() - start) * 1000)
        matched += len(made)
    return timings, matched


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=44143)
    args = parser.parse_args()

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.urls import reverse

    reverse("help:feed")  # notifications carry URLs: load the URLconf now, not mid-run

    tmpdir = tempfile.TemporaryDirectory(prefix="bench-matching-")
    test_settings = settings.DATABASES["default"].setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(Path(tmpdir.name) / "bench.sqlite3")  # a real file, like production
    else:
        test_settings["NAME"] = f"bench_matching_{os.getpid()}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        from django.db.models import Count, Max

        from solidarite.accounts.models import User
        from solidarite.help.models import Category
        from solidarite.notifications.models import Notification
        from solidarite.places.models import Quartier

        rng = random.Random(args.seed)
        users = User.objects.bulk_create(
            [User(email=f"bench{i}@exemple.fr", display_name=f"Voisin {i}", password="!") for i in range(2000)]
        )
        if users[0].pk is None:
            users = list(User.objects.all())
        categories = list(Category.objects.all())
        quartiers = list(Quartier.objects.all())
        kw = {"rng": rng, "users": users, "categories": categories, "quartiers": quartiers}

        baseline = min(BASELINE, args.offers)
        t0 = time.perf_counter()
        seed_offers(baseline, **kw)
        print(f"seeded {baseline} offers in {time.perf_counter() - t0:.1f}s ({connection.vendor})", flush=True)
        measure(new_requests(10, **kw))  # warm-up: caches, prepared plans
        small, small_matched = measure(new_requests(args.requests, **kw))
        print(
            f"  at {baseline}: {p50_p99(small)} matches/request={small_matched / len(small):.1f}",
            flush=True,
        )
        if args.offers > baseline:
            t0 = time.perf_counter()
            seed_offers(args.offers - baseline, **kw)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            print(f"seeded up to {args.offers} offers in {time.perf_counter() - t0:.1f}s", flush=True)
            measure(new_requests(10, **kw))
            large, large_matched = measure(new_requests(args.requests, **kw))
        else:
            large, large_matched = small, small_matched
        last_before = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
        full, full_matched = measure(new_requests(min(50, args.requests), **kw), notify=True)
        # What the run really wrote (rows in the database), not what a request may send at most.
        written = dict(
            Notification.objects.filter(pk__gt=last_before)
            .order_by()
            .values("kind")
            .annotate(n=Count("pk"))
            .values_list("kind", "n")
        )
        per_kind = " ".join(f"{kind}={n / len(full):.1f}" for kind, n in sorted(written.items()))
        print(
            f"  with notifications (alerts.match_request): {p50_p99(full)} "
            f"matches/request={full_matched / len(full):.1f} "
            f"notifications/request={sum(written.values()) / len(full):.1f} ({per_kind or 'none'})",
            flush=True,
        )
        print(f"  at {args.offers}: {p50_p99(large)} matches/request={large_matched / len(large):.1f}", flush=True)
        # How busy the machine and the database are, in the same run: one trivial query.
        from solidarite.help.models import HelpRequest

        trivial = []
        for _ in range(200):
            t0 = time.perf_counter()
            HelpRequest.objects.filter(pk=0).exists()
            trivial.append((time.perf_counter() - t0) * 1000)
        print(f"  one trivial query: p50_ms={percentile(trivial, 50):.2f}", flush=True)
        ratio = percentile(large, 50) / percentile(small, 50)
        print(f"matching offers={args.offers} {p50_p99(large)} ratio_vs_10k={ratio:.2f}", flush=True)
    finally:
        connection.creation.destroy_test_db(test_settings["NAME"], verbosity=0)
        tmpdir.cleanup()


if __name__ == "__main__":
    main()
