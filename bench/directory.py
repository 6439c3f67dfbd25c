"""Directory benchmark: 2,000 associations and 10,000 actions, accent-insensitive search and the list page.

Run: .venv/bin/python bench/directory.py [--associations N] [--actions N] [--repeat N]
Uses a throw-away test database (SQLite file by default, or DATABASE_URL). The baseline, measured in the same
run, is the unfiltered first page of the directory (same query shape, no search) and a static page. Pages are
timed as rendered (the in-memory list parts emptied before each request); the same page served from its kept
part is printed beside the baseline (cached_page_p50_ms).
Last line: ``directory rows=<n> search_p50_ms=… page_p50_ms=…``.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarite.settings_test")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from taggit.models import Tag, TaggedItem  # noqa: E402

from bench.stats import percentile  # noqa: E402

WORDS = [
    "Théâtre",
    "Jardins",
    "Amicale",
    "Solidarité",
    "Épicerie",
    "Chorale",
    "Club",
    "Cercle",
    "Ateliers",
    "Vélo",
    "Entraide",
    "Musique",
    "Danse",
    "Échecs",
    "Randonnée",
    "Photo",
    "Couture",
    "Lecture",
    "Football",
    "Judo",
]
PLACES = ["Rezé", "Ragon", "Trentemoult", "Pont-Rousseau", "la Houssais", "la Blordière", "Château"]
THEMES = ["culture", "sport", "solidarité", "écologie", "éducation", "santé", "seniors", "jeunesse", "loisirs"]
QUERIES = ["theatre", "jardins ragon", "solidarite", "epicerie reze", "velo", "echecs trentemoult", "culture", "zzz"]


def build(n_associations: int, n_actions: int, rng: random.Random):
    from associations.directory.models import Action, Association
    from solidarite.places.models import Quartier

    quartiers = list(Quartier.objects.all())
    tags = [Tag.objects.create(name=name, slug=name.replace("é", "e")) for name in THEMES]
    associations = []
    for i in range(n_associations):
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS).lower()} de {rng.choice(PLACES)} {i}"
        a = Association(
            name=name,
            slug=f"asso-{i}",
            rna=f"W44{i:07d}",
            purpose=f"{rng.choice(WORDS)} et {rng.choice(WORDS).lower()} pour les habitants de {rng.choice(PLACES)}.",
            city="Rezé",
            status=Association.Status.VERIFIED if i % 5 else Association.Status.PENDING,
            hidden=i % 97 == 0,
            quartier=rng.choice(quartiers),
            accepts_volunteers=i % 3 == 0,
            latitude=47.17 + rng.random() / 50,
            longitude=-1.56 + rng.random() / 50,
        )
        a._bench_tags = rng.sample(tags, 2)
        a.set_search_text([t.name for t in a._bench_tags])
        associations.append(a)
    Association.objects.bulk_create(associations, batch_size=500)
    content_type = ContentType.objects.get_for_model(Association)
    TaggedItem.objects.bulk_create(
        [TaggedItem(tag=t, content_type=content_type, object_id=a.pk) for a in associations for t in a._bench_tags],
        batch_size=1000,
    )
    now = timezone.now()
    actions = []
    for i in range(n_actions):
        start = now + dt.timedelta(days=rng.randint(-60, 120), hours=rng.randint(0, 12))
        action = Action(
            association=rng.choice(associations),
            title=f"{rng.choice(WORDS)} à {rng.choice(PLACES)} {i}",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            recurrence=Action.Recurrence.WEEKLY if i % 10 == 0 else "",
            recurrence_until=(start + dt.timedelta(days=60)).date() if i % 10 == 0 else None,
            quartier=rng.choice(quartiers),
        )
        action.last_ends_at = action.compute_last_ends_at()
        action.set_search_text([])
        actions.append(action)
    Action.objects.bulk_create(actions, batch_size=1000)


def p50(samples):
    return percentile(samples, 50) * 1000


def p95(samples):
    return percentile(samples, 95) * 1000


def timed(fn, repeat):
    fn()  # warm caches
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return samples


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--associations", type=int, default=2000)
    parser.add_argument("--actions", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()

    from associations.directory.models import Association
    from associations.directory.tagging import attach_tags

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        t0 = time.perf_counter()
        build(args.associations, args.actions, random.Random(42))
        if connection.vendor == "postgresql":
            # What autovacuum does after a bulk load in production; without statistics the planner
            # nested-loops the action/association join (seconds instead of milliseconds).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(
            f"built {args.associations} associations, {args.actions} actions in {time.perf_counter() - t0:.1f} s "
            f"({connection.vendor})"
        )

        def first_page(qs):
            # What the directory view does: count, one page of rows, their tags in one query.
            page = Paginator(qs.select_related("quartier").order_by("name", "pk"), 24).page(1)
            return page.paginator.count, attach_tags(page.object_list, Association)

        queries = iter(QUERIES * (args.repeat + 1))
        search = timed(lambda: first_page(Association.objects.listed().search(next(queries))), args.repeat)
        baseline_query = timed(lambda: first_page(Association.objects.listed()), args.repeat)
        client = Client()
        fragments = caches["fragments"]

        def rendered(path, params=None):
            # A list part nobody asked for yet in this state of the data: the cost of the search.
            fragments.clear()
            return client.get(path, params)

        page_queries = iter(QUERIES * (args.repeat + 1))
        page = timed(lambda: rendered("/associations/", {"q": next(page_queries)}), args.repeat)
        baseline_page = timed(lambda: client.get("/accessibilite/"), args.repeat)
        agenda = timed(lambda: rendered("/agenda/"), max(args.repeat // 4, 5))
        cached_page = timed(lambda: client.get("/associations/"), args.repeat)  # the part kept in memory
        hits = {q: Association.objects.listed().search(q).count() for q in QUERIES[:3]}
        print(f"hits {hits}")
        print(
            f"baseline unfiltered_query_p50_ms={p50(baseline_query):.1f} static_page_p50_ms={p50(baseline_page):.1f} "
            f"agenda_page_p50_ms={p50(agenda):.1f} cached_page_p50_ms={p50(cached_page):.1f} "
            f"search_p95_ms={p95(search):.1f}"
        )
        print(f"directory rows={args.associations} search_p50_ms={p50(search):.1f} page_p50_ms={p50(page):.1f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
