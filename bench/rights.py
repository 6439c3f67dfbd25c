"""Access to rights at the size of a département's guide: 500 aids, 50 permanences, 20,000 appointments.

Seeds a throw-away database — on the server of ``--database-url`` (a database of its own, dropped at
the end; like bench/load.py), else a SQLite file — then measures through the real entry points:

- the guide's search (``views.aid_list`` with words, a theme and a public, as a visitor sees it),
- a permanence's page with its slots over the booking horizon (``permanence_views.permanence_detail``),
- a booking (``appointments.book``: rules, hours, serialized overlap check, waiting-list hold check,
  insert, the agents' notifications, the live day feed after commit),
- an agent's day list (``permanence_views.agent_day``).

Baseline in the same run: a trivial page through the same template stack. Last line:

    rights aids=500 guide_search_p50_ms=… slots_p50_ms=… book_p50_ms=… agent_day_p50_ms=…

    .venv/bin/python bench/rights.py --database-url postgres://postgres@127.0.0.1:5432/postgres
        [--aids 500] [--permanences 50] [--appointments 20000] [--samples 200]
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

import django  # noqa: E402

from bench.stats import p50_p99, percentile  # noqa: E402

HOURS = "Mo-Fr 09:00-12:00,14:00-17:00"
WORDS = ["logement", "energie", "famille", "sante", "transport", "numerique", "aide", "emploi"]
SEARCHES = ["aide logement", "energie", "famille", "sante", "transport numerique", "aide"]


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
    from solidarite.rights import availability
    from solidarite.rights.models import Aid, AidPublic, AidTheme, Appointment, Permanence, Place, PlaceTheme
    from solidarite.rights.permanence_models import REASONS
    from solidarite.rights.vocabulary import THEMATIQUE_LABELS, Institution, Public

    themes = sorted(THEMATIQUE_LABELS)
    publics = [code for code, _label in Public.choices]
    institutions = [code for code, _label in Institution.choices]
    today = timezone.localdate()
    aids = []
    for i in range(args.aids):
        words = " ".join(rng.sample(WORDS, 3))
        aid = Aid(
            slug=f"aide-{i}",
            title=f"Aide {i} {words}",
            summary=f"Une aide pour {words}, expliquée simplement. " * 3,
            keywords=words.upper(),
            institution=institutions[i % len(institutions)],
            eligibility="Habiter Rezé\nAvoir des revenus modestes",
            documents="Pièce d'identité\nJustificatif de domicile",
            how_to_apply="En ligne ou au CCAS.",
            source_url="https://www.service-public.fr/",
            source_date=today,
            reviewed_on=today,
            next_review_on=today + dt.timedelta(days=rng.randrange(-30, 180)),
        )
        aid.set_search_text()
        aids.append(aid)
    Aid.objects.bulk_create(aids, batch_size=500)
    AidTheme.objects.bulk_create(
        [AidTheme(aid=aid, code=code) for aid in aids for code in rng.sample(themes, 3)], batch_size=2000
    )
    AidPublic.objects.bulk_create(
        [AidPublic(aid=aid, code=code) for aid in aids for code in rng.sample(publics, 2)], batch_size=2000
    )

    places = [
        Place.objects.create(
            slug=f"lieu-{i}", name=f"Point d'accueil {i}", kind="ccas", address="Rezé", opening_hours=HOURS
        )
        for i in range(10)
    ]
    PlaceTheme.objects.bulk_create([PlaceTheme(place=p, code=code) for p in places for code in themes[:5]])
    agents = User.objects.bulk_create(
        [User(email=f"agent-{i}@exemple.fr", display_name=f"Agent {i}", password="!") for i in range(args.permanences)]
    )
    permanences = []
    for i in range(args.permanences):
        permanence = Permanence.objects.create(
            place=places[i % len(places)], slug=f"permanence-{i}", title=f"Permanence {i}", opening_hours=HOURS
        )
        permanence.agents.set([agents[i]])
        permanences.append(permanence)
    residents = User.objects.bulk_create(
        [User(email=f"resident-{i}@exemple.fr", display_name=f"Résident {i}", password="!") for i in range(2000)],
        batch_size=1000,
    )
    # Each permanence: its slots from 60 days ago to the end of its horizon, about half of them taken.
    per = args.appointments // len(permanences)
    reasons = [code for code, _label in REASONS]
    rows = []
    for permanence in permanences:
        cut = availability._cut(
            permanence, today - dt.timedelta(days=60), today + dt.timedelta(weeks=4) - dt.timedelta(days=1)
        )
        chosen = sorted(rng.sample(range(len(cut)), min(per, len(cut))))
        for k, index in enumerate(chosen):
            start, end, _walk_in = cut[index]
            past = end < timezone.now()
            rows.append(
                Appointment(
                    permanence=permanence,
                    resident=residents[(k * 7 + permanence.pk) % len(residents)],
                    start=start,
                    end=end,
                    reason=reasons[k % len(reasons)],
                    status=rng.choice(["attended", "attended", "no_show", "cancelled"]) if past else "booked",
                )
            )
    Appointment.objects.bulk_create(rows, batch_size=2000)
    return permanences, agents


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--aids", type=int, default=500)
    parser.add_argument("--permanences", type=int, default=50)
    parser.add_argument("--appointments", type=int, default=20_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=44400)
    parser.add_argument("--database-url", default="", help="postgres://… (a throw-away database is made there)")
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)

    django.setup()
    from django.conf import settings
    from django.db import connection

    # No collectstatic before a bench: templates resolve static names without the manifest.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # RequestFactory's host
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    tmpdir = tempfile.TemporaryDirectory(prefix="bench-rights-")
    test_settings = settings.DATABASES["default"].setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(Path(tmpdir.name) / "bench.sqlite3")
    else:
        test_settings["NAME"] = f"bench_rights_{os.getpid()}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        run(args, connection)
    finally:
        connection.creation.destroy_test_db(test_settings["NAME"], verbosity=0)
        tmpdir.cleanup()


def run(args, connection):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.test import RequestFactory

    from solidarite import views as site_views
    from solidarite.accounts.models import User
    from solidarite.rights import appointments, availability, permanence_views, views
    from solidarite.rights.models import Aid, Appointment

    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    permanences, agents = seed(args, rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"seeded {Aid.objects.count()} aids, {len(permanences)} permanences, {Appointment.objects.count()} "
        f"appointments in {time.perf_counter() - t0:.1f}s ({connection.vendor})",
        flush=True,
    )
    factory = RequestFactory()

    def get(view, path, user=None, **kwargs):
        request = factory.get(path)
        request.user = user or AnonymousUser()
        request.session = {}
        request._messages = FallbackStorage(request)
        response = view(request, **kwargs)
        assert response.status_code == 200, (path, response.status_code)
        return response

    def search(i):
        words = SEARCHES[i % len(SEARCHES)].replace(" ", "+")
        get(views.aid_list, f"/acces-aux-droits/?q={words}&public={'famille' if i % 2 else ''}")

    def slots_page(i):
        permanence = permanences[rng.randrange(len(permanences))]
        path = f"/acces-aux-droits/permanences/{permanence.slug}/"
        get(permanence_views.permanence_detail, path, slug=permanence.slug)

    days = sorted({a.local_start.date() for a in Appointment.objects.filter(permanence=permanences[0])[:200]})

    def agent_day(i):
        k = rng.randrange(len(permanences))
        day = days[rng.randrange(len(days))]
        slug = permanences[k].slug
        path = f"/acces-aux-droits/permanences/{slug}/agenda/?jour={day}"
        get(permanence_views.agent_day, path, user=agents[k], slug=slug)

    def page(i):
        get(site_views.accessibility, "/accessibilite/")

    # Free slots on distinct permanences, each booked by a person new to it (one upcoming appointment each).
    free = []
    for permanence in permanences:
        free += [(permanence, s.start) for s in availability.slots(permanence) if s.bookable]
    rng.shuffle(free)
    bookers = User.objects.bulk_create(
        [User(email=f"booker-{i}@exemple.fr", display_name=f"B {i}", password="!") for i in range(args.samples)]
    )

    def book(i):
        permanence, start = free[i]
        appointments.book(permanence=permanence, by=bookers[i], start=start, reason="numerique")

    for fn in (search, slots_page, agent_day, page):  # warm-up: caches, parsed opening hours, plans
        timed(fn, 10)
    n = args.samples
    page_ms, search_ms = timed(page, n), timed(search, n)
    slots_ms, day_ms = timed(slots_page, n), timed(agent_day, n)
    book_ms = timed(book, min(n, len(free)))
    print(f"  baseline page (accessibility statement): {p50_p99(page_ms)}", flush=True)
    print(f"  guide search (aid list, words + public): {p50_p99(search_ms)}", flush=True)
    print(f"  permanence page with its slots:          {p50_p99(slots_ms)}", flush=True)
    print(f"  book (appointments.book):                {p50_p99(book_ms)}", flush=True)
    print(f"  agent's day list:                        {p50_p99(day_ms)}", flush=True)
    print(
        f"rights aids={Aid.objects.count()} guide_search_p50_ms={percentile(search_ms, 50):.2f} "
        f"slots_p50_ms={percentile(slots_ms, 50):.2f} book_p50_ms={percentile(book_ms, 50):.2f} "
        f"agent_day_p50_ms={percentile(day_ms, 50):.2f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
