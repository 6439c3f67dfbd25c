"""post_notify: from one help request POSTed through the API to the alert on its offerer's socket.

    .venv/bin/python bench/post_notify.py [--sockets 500] [--posts 100] [--compare <git-ref>]
        [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--redis-url redis://127.0.0.1:6379/0]

One daphne process (solidarite.asgi, Redis channel layer, a throw-away PostgreSQL database made for
the run and dropped after it: bench/stack.py's ``throwaway_stack``). --sockets people, each with a real
signed-in session, keep their socket open and idle; --posts of them have one open offer each, placed
and categorised so that each request of the run matches exactly that offer (1.5 km apart per
category, 0.5 km radius). One neighbour (API token) then posts --posts help requests to
/api/v1/help/requests/, one at a time: each post waits for its answer and for its alert
(``help.match_proposed``) on the offerer's socket before the next. Measured per post: the HTTP time
(request sent → answer read) and the notify time (request sent → frame read on the socket).

SQL statements are counted in the server, not estimated: daphne runs with
``bench/sql_counting_settings.py``, whose middleware installs a ``connection.execute_wrapper`` counter
on every connection of the process and returns the running total in a response header
(bench/sql_counting.py says what is counted). ``sql_per_post`` = statements run by the process from
the end of a warm-up request to the end of the last post, divided by the posts: the post's
request, its matching, alerts and notifications, all of it. The detail line also says how much of a
post's time is spent inside Django (``django_p50_ms``: outermost middleware in to response out, on the
server's clock) and the CPU its thread used there (``django_cpu_p50_ms``); the rest of ``http_p50_ms``
is daphne, the ASGI handler and their thread hops.

``--compare <git-ref>``: first the same run on that commit's code (``git archive`` into a temporary
directory, daphne started there, same database and data), printed as ``post_notify_baseline …``.
The last line is this tree's:

    post_notify sockets=<n> posts=<n> http_p50_ms=… notify_p50_ms=… notify_p99_ms=… sql_per_post=…

Exit status 1 if an alert was lost, a post failed, or a post made other than one match.
"""

import argparse
import asyncio
import http.client
import json
import math
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import close_all, open_sockets  # noqa: E402
from bench.stack import Daphne, database_args, signed_in, throwaway_stack  # noqa: E402
from bench.stats import percentile  # noqa: E402

FRAME_TIMEOUT_S = 5
SPACING_KM = 1.5  # between two offers of one category: farther than the radius, so one match each
RADIUS_KM = 0.5
KIND = "help.match_proposed"
SQL_HEADER = "X-Bench-Sql-Statements"
DJANGO_MS, DJANGO_CPU_MS = "X-Bench-Django-Ms", "X-Bench-Django-Cpu-Ms"  # bench/sql_counting.py


def spot(index: int):
    """The index-th point of a square grid around the town centre, SPACING_KM apart."""
    from solidarite.places.geo import KM_PER_DEGREE_LAT, Point
    from solidarite.places.models import town_center

    center = town_center()
    side = 4
    row, col = divmod(index, side)
    north, east = (row - (side - 1) / 2) * SPACING_KM, (col - (side - 1) / 2) * SPACING_KM
    return Point(
        round(center.lat + north / KM_PER_DEGREE_LAT, 6),
        round(center.lon + east / (KM_PER_DEGREE_LAT * math.cos(math.radians(center.lat))), 6),
    )


def prepare(n_sockets: int, n_posts: int) -> tuple[list[tuple[int, str]], list[tuple], str]:
    """People with a session (the first n_posts with an offer), and one neighbour with a token.
    Returns (user id, session key) per socket, (offerer id, category id, point) per post, the token."""
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from solidarite.accounts.models import ApiToken, User
    from solidarite.help.models import Category, HelpOffer, OfferCategory
    from solidarite.places.geo import public_point
    from solidarite.places.models import Quartier

    call_command("migrate", verbosity=0, interactive=False)
    password = make_password("bench-not-a-secret")
    now = timezone.now()
    User.objects.bulk_create(
        [User(email=f"voisin{i}@exemple.fr", display_name=f"Voisin {i}", password=password) for i in range(n_sockets)]
        + [User(email="demandeuse@exemple.fr", display_name="Demandeuse", password=password)]
    )
    people = list(User.objects.filter(email__startswith="voisin").order_by("id"))
    requester = User.objects.get(email="demandeuse@exemple.fr")
    categories = list(Category.objects.filter(active=True).order_by("id"))
    quartier = Quartier.objects.first()
    plan = []
    offers = []
    for i, user in enumerate(people[:n_posts]):
        category = categories[i % len(categories)]
        point = spot(i // len(categories))
        shown = public_point(point, grid_m=settings.PUBLIC_POINT_GRID_M, salt=f"bench{i}")
        offers.append(
            HelpOffer(
                author=user,
                description="Disponible pour un coup de main.",
                radius_km=RADIUS_KM,
                latitude=point.lat,
                longitude=point.lon,
                public_latitude=shown.lat,
                public_longitude=shown.lon,
                quartier=quartier,
            )
        )
        plan.append((user.pk, category.pk, point))
    offers = HelpOffer.objects.bulk_create(offers)
    OfferCategory.objects.bulk_create(
        OfferCategory(offer=o, category_id=category_id, latitude=o.latitude, longitude=o.longitude)
        for o, (_uid, category_id, _point) in zip(offers, plan, strict=True)
    )
    keys = signed_in(people, now)
    token = ApiToken.objects.issue(user=requester, name="bench")[1]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # a database in service has statistics; fresh tables have none
    return keys, plan, token


async def run(daphne: Daphne, keys, plan, token: str) -> dict:
    from django.conf import settings
    from django.utils import timezone

    frames: dict[int, list[float]] = {}  # offerer id -> arrival times of their alerts

    def on_frame(user_id, at, frame):
        message = json.loads(frame)
        if message.get("type") == "notification" and message.get("kind") == KIND:
            frames.setdefault(user_id, []).append(at)

    ws_url = daphne.base.replace("http://", "ws://") + "/ws/"
    cookie = settings.SESSION_COOKIE_NAME
    sockets, listeners, failures, _ = await open_sockets(
        [(uid, ws_url, {"Cookie": f"{cookie}={key}"}, daphne.base) for uid, key in keys], on_frame
    )
    conn = http.client.HTTPConnection("127.0.0.1", daphne.port, timeout=30)
    auth = {"Authorization": f"Token {token}"}
    inside = []  # (wall ms, CPU ms) of each request inside Django, as its server measured them

    def call(method, path, body=None):
        headers = dict(auth, **({"Content-Type": "application/json"} if body else {}))
        t0 = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        payload = response.read()
        t1 = time.perf_counter()
        inside.append(tuple(float(response.headers.get(name, "nan")) for name in (DJANGO_MS, DJANGO_CPU_MS)))
        return response.status, payload, int(response.headers.get(SQL_HEADER, -1)), t0, t1

    # Warm-up: a first post (its imports, connections and caches are not what a post costs), then
    # a read whose answer carries the statement total before the measured posts.
    first_category = plan[0][1]
    await asyncio.to_thread(call, "POST", "/api/v1/help/requests/", json.dumps(body_for(plan[-1], timezone)))
    _, _, sql_before, _, _ = await asyncio.to_thread(call, "GET", f"/api/v1/help/categories/{first_category}/")
    http_ms, notify_ms, errors, lost, request_ids = [], [], [], 0, []
    sql_after = sql_before
    inside.clear()
    for offerer_id, category_id, point in plan:
        seen = len(frames.get(offerer_id, []))
        body = json.dumps(body_for((offerer_id, category_id, point), timezone))
        status, payload, sql_after, t0, t1 = await asyncio.to_thread(call, "POST", "/api/v1/help/requests/", body)
        if status != 201:
            errors.append(f"{status}: {payload[:200]!r}")
            if len(errors) >= 3:
                break
            continue
        request_ids.append(json.loads(payload)["id"])
        http_ms.append((t1 - t0) * 1000)
        deadline = time.monotonic() + FRAME_TIMEOUT_S
        while len(frames.get(offerer_id, [])) <= seen and time.monotonic() < deadline:
            await asyncio.sleep(0.0005)
        arrivals = frames.get(offerer_id, [])
        if len(arrivals) > seen:
            notify_ms.append((arrivals[seen] - t0) * 1000)
        else:
            lost += 1
    conn.close()
    await close_all(sockets, listeners)

    from solidarite.help.models import Match

    per_request = await asyncio.to_thread(lambda: [Match.objects.filter(request_id=pk).count() for pk in request_ids])
    posted = len(request_ids)
    return {
        "connected": len(sockets),
        "failures": failures,
        "errors": errors,
        "posted": posted,
        "lost": lost,
        "not_one_match": sum(1 for n in per_request if n != 1),
        "http_ms": http_ms,
        "django_ms": [wall for wall, _cpu in inside],
        "django_cpu_ms": [cpu for _wall, cpu in inside],
        "notify_ms": notify_ms,
        "sql_per_post": (sql_after - sql_before) / posted if posted and sql_before >= 0 else float("nan"),
    }


def body_for(planned, timezone) -> dict:
    _offerer_id, category_id, point = planned
    now = timezone.now()
    return {
        "category": category_id,
        "description": "Besoin d'un coup de main, merci !",
        "latitude": point.lat,
        "longitude": point.lon,
        "window_start": now.isoformat(),
        "window_end": (now + timedelta(days=3)).isoformat(),
    }


def measure(env, tmp: Path, keys, plan, token, *, label: str, cwd: Path = ROOT) -> dict:
    env = dict(env, DJANGO_SETTINGS_MODULE="sql_counting_settings")
    env["PYTHONPATH"] = f"{cwd}:{ROOT / 'bench'}"  # the code under test first, then the counter
    daphne = Daphne(env, "solidarite.asgi:application", tmp / f"daphne-{label}.log", cwd=cwd)
    try:
        daphne.wait_ready()
        result = asyncio.run(run(daphne, keys, plan, token))
    finally:
        daphne.stop()
    from django.db import connections

    connections.close_all()
    print(
        f"{label}_detail connected={result['connected']}/{len(keys)} posted={result['posted']} "
        f"lost={result['lost']} not_one_match={result['not_one_match']} "
        f"http_p99_ms={percentile(result['http_ms'], 99):.1f} "
        f"django_p50_ms={percentile(result['django_ms'], 50):.1f} "
        f"django_cpu_p50_ms={percentile(result['django_cpu_ms'], 50):.1f} "
        f"errors={result['errors'][:3] or 0} failures={result['failures'][:3] or 0}",
        flush=True,
    )
    return result


def last_line(name: str, result: dict, sockets: int) -> str:
    return (
        f"{name} sockets={result['connected'] or sockets} posts={result['posted']} "
        f"http_p50_ms={percentile(result['http_ms'], 50):.1f} "
        f"notify_p50_ms={percentile(result['notify_ms'], 50):.1f} "
        f"notify_p99_ms={percentile(result['notify_ms'], 99):.1f} sql_per_post={result['sql_per_post']:.1f}"
    )


def checkout(ref: str, into: Path) -> None:
    """The tree of ``ref``, without its history, in ``into``."""
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sockets", type=int, default=500)
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--compare", metavar="GIT_REF", help="run that commit's code first, on the same data")
    database_args(parser)
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        print("bench/post_notify.py runs on PostgreSQL: give --database-url postgres://…", file=sys.stderr)
        return 2
    if args.posts > args.sockets:
        parser.error("--posts must not exceed --sockets: each post alerts its own socket")
    random.seed(0)
    ok = True
    # One neighbour posts them all: the hourly cap on posts is lifted for the run (like the API rate).
    with throwaway_stack(args, "notify", HELP_POSTS_PER_HOUR="100000") as (env, _prefix, tmp):
        keys, plan, token = prepare(args.sockets, args.posts)
        print(f"prepared {len(keys)} signed-in people, {len(plan)} offers, 1 neighbour posting", flush=True)
        lines = []
        if args.compare:
            old = Path(tempfile.mkdtemp(prefix="bench-notify-old-")) / "tree"
            try:
                checkout(args.compare, old)
                baseline = measure(env, tmp, keys, plan, token, label="baseline", cwd=old)
            finally:
                shutil.rmtree(old.parent, ignore_errors=True)
            lines.append(last_line(f"post_notify_baseline ref={args.compare}", baseline, args.sockets))
            print(lines[-1], flush=True)
        result = measure(env, tmp, keys, plan, token, label="post_notify")
        ok = not (result["lost"] or result["errors"] or result["not_one_match"])
        print(last_line("post_notify", result, args.sockets), flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
