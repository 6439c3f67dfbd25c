"""Room bookings at the size of a busy maison des associations: 50 rooms, 20,000 bookings.

Seeds a throw-away database (the configured one: DATABASE_URL, SQLite file by default), then
measures through the real entry points:

- the week view of a room (the view function and its template, as a visitor sees it),
- a booking (``services.book``: rules, opening hours, serialized conflict check, insert, log, and the
  notification of the association's other manager: each association has two, one books),
- the conflict check alone (``Booking.objects.overlapping(...).exists()``).

Baseline in the same run: a trivial page (accessibility statement) through the same template stack,
a one-row primary-key query, and a bare insert of a booking row in a transaction. The notification
rows the bookings really wrote are counted in the database and printed. Last line:

    rooms bookings=<n> week_view_p50_ms=… book_p50_ms=… conflict_check_p99_ms=…

    .venv/bin/python bench/rooms.py [--bookings 20000] [--rooms 50] [--samples 200]
"""

import argparse
import datetime as dt
import math
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

SLOTS = ((9, 11), (14, 16), (18, 20))  # three bookings a day per room; 12:00-13:00 stays free
SUNDAY_SLOTS = ((10, 12), (14, 16), (16, 18))


def timed(fn, n):
    out = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def seed(args, first_day):
    from associations.directory.models import Association, Membership
    from associations.rooms.models import PARIS, Booking, Room
    from solidarite.accounts.models import User

    manager = User.objects.create(email="bench-manager@exemple.fr", display_name="Bench", password="!")
    # The one who books is told nothing; the association's other manager is.
    co_manager = User.objects.create(email="bench-co-manager@exemple.fr", display_name="Bench 2", password="!")
    associations = [
        Association.objects.create(
            name=f"Association {i}", slug=f"association-{i}", purpose="Bench", status=Association.Status.VERIFIED
        )
        for i in range(20)
    ]
    Membership.objects.bulk_create(
        Membership(association=a, user=person, role=Membership.Role.MANAGER)
        for a in associations
        for person in (manager, co_manager)
    )
    rooms = [
        Room.objects.create(
            name=f"Salle {i}",
            slug=f"salle-{i}",
            address="Rezé",
            capacity=20 + i,
            opening_hours="Mo-Sa 08:00-22:00; Su 10:00-18:00",
            min_notice_hours=0,
            max_duration_hours=4,
            open_on_public_holidays=True,
        )
        for i in range(args.rooms)
    ]
    per_room = math.ceil(args.bookings / len(rooms))
    rows, made = [], 0
    for r, room in enumerate(rooms):
        for i in range(per_room):
            if made >= args.bookings:
                break
            day = first_day + dt.timedelta(days=i // len(SLOTS))
            start_h, end_h = SLOTS[i % len(SLOTS)]
            if day.weekday() == 6:  # Sunday opens 10:00-18:00
                start_h, end_h = SUNDAY_SLOTS[i % len(SLOTS)]
            rows.append(
                Booking(
                    room=room,
                    association=associations[(r + i) % len(associations)],
                    booked_by=manager,
                    title="Atelier",
                    start=dt.datetime.combine(day, dt.time(start_h)).replace(tzinfo=PARIS),
                    end=dt.datetime.combine(day, dt.time(end_h)).replace(tzinfo=PARIS),
                    status=Booking.Status.CONFIRMED,
                    is_public=bool(i % 2),
                )
            )
            made += 1
    Booking.objects.bulk_create(rows, batch_size=2000)
    return manager, associations, rooms, per_room


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bookings", type=int, default=20_000)
    parser.add_argument("--rooms", type=int, default=50)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=44143)
    args = parser.parse_args()

    django.setup()
    from django.conf import settings
    from django.db import connection

    # No collectstatic before a bench: templates resolve static names without the manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    tmpdir = tempfile.TemporaryDirectory(prefix="bench-rooms-")
    test_settings = settings.DATABASES["default"].setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(Path(tmpdir.name) / "bench.sqlite3")
    else:
        test_settings["NAME"] = f"bench_rooms_{os.getpid()}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        run(args, connection)
    finally:
        connection.creation.destroy_test_db(test_settings["NAME"], verbosity=0)
        tmpdir.cleanup()


def run(args, connection):
    from django.contrib.auth.models import AnonymousUser
    from django.db import transaction
    from django.test import RequestFactory
    from django.utils import timezone

    from associations.rooms import services, views
    from associations.rooms.models import PARIS, Booking
    from solidarite import views as site_views
    from solidarite.notifications.models import Notification

    rng = random.Random(args.seed)
    today = timezone.localdate()
    first_day = today + dt.timedelta(days=7 - today.weekday())  # next Monday
    t0 = time.perf_counter()
    manager, associations, rooms, per_room = seed(args, first_day)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    total = Booking.objects.count()
    days = per_room // len(SLOTS)
    print(
        f"seeded {len(rooms)} rooms, {total} bookings over {days} days in {time.perf_counter() - t0:.1f}s "
        f"({connection.vendor})",
        flush=True,
    )

    factory = RequestFactory()

    def get(view, path, **kwargs):
        request = factory.get(path)
        request.user = AnonymousUser()
        response = view(request, **kwargs)
        assert response.status_code == 200, response.status_code
        return response

    def week(i):
        room = rooms[rng.randrange(len(rooms))]
        monday = first_day + dt.timedelta(weeks=rng.randrange(max(1, days // 7)))
        get(views.week, f"/salles/{room.slug}/?semaine={monday.isoformat()}", slug=room.slug)

    def page(i):
        get(site_views.accessibility, "/accessibilite/")

    def query(i):
        rooms[0].__class__.objects.filter(pk=rooms[i % len(rooms)].pk).exists()

    # Free slots: 12:00-13:00 on distinct (room, day) pairs, so every booking succeeds.
    free = [
        (room, first_day + dt.timedelta(days=d))
        for d in range(days)
        for room in rooms
        if (first_day + dt.timedelta(days=d)).weekday() != 6
    ]
    rng.shuffle(free)

    def book(i):
        room, day = free[i]
        start = dt.datetime.combine(day, dt.time(12)).replace(tzinfo=PARIS)
        services.book(
            room=room,
            association=associations[i % len(associations)],
            by=manager,
            start=start,
            end=start + dt.timedelta(hours=1),
        )

    far = dt.datetime.combine(first_day + dt.timedelta(days=800), dt.time(12)).replace(tzinfo=PARIS)

    def insert(i):
        start = far + dt.timedelta(days=i)
        with transaction.atomic():
            Booking.objects.create(
                room=rooms[0],
                association=associations[0],
                title="x",
                start=start,
                end=start + dt.timedelta(hours=1),
                status=Booking.Status.CONFIRMED,
            )

    def conflict(i):
        room = rooms[rng.randrange(len(rooms))]
        day = first_day + dt.timedelta(days=rng.randrange(days))
        start = dt.datetime.combine(day, dt.time(rng.randrange(8, 20))).replace(tzinfo=PARIS)
        Booking.objects.overlapping(room, start, start + dt.timedelta(hours=2)).exists()

    for fn in (week, page, query, conflict):  # warm-up: caches, parsed opening hours, prepared plans
        timed(fn, 10)
    n = args.samples
    week_ms, page_ms = timed(week, n), timed(page, n)
    query_ms, conflict_ms = timed(query, n * 5), timed(conflict, n * 5)
    insert_ms = timed(insert, n)
    notified_before = Notification.objects.count()
    book_ms = timed(book, min(n, len(free)))
    notified = (Notification.objects.count() - notified_before) / len(book_ms)
    print(f"  baseline page (accessibility statement): {p50_p99(page_ms)}", flush=True)
    print(f"  week view:                                {p50_p99(week_ms)}", flush=True)
    print(f"  baseline insert (one row, one transaction): {p50_p99(insert_ms)}", flush=True)
    print(
        f"  book (services.book):                     {p50_p99(book_ms)} notifications/booking={notified:.1f}",
        flush=True,
    )
    print(f"  baseline query (one row by primary key):  {p50_p99(query_ms)}", flush=True)
    print(f"  conflict check:                           {p50_p99(conflict_ms)}", flush=True)
    print(
        f"rooms bookings={total} week_view_p50_ms={percentile(week_ms, 50):.2f} "
        f"book_p50_ms={percentile(book_ms, 50):.2f} conflict_check_p99_ms={percentile(conflict_ms, 99):.2f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
