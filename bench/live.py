"""live: from a help request POSTed over HTTP to the notification on the matched offerers' sockets.

    .venv/bin/python bench/live.py [--sockets 1000] [--requests 200]
        [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--redis-url redis://127.0.0.1:6379/0]

One daphne process (solidarite.asgi, Redis channel layer, a throw-away PostgreSQL database made
for the run and dropped after it). N offerers, each with one open offer over Rezé and a real
signed-in session, keep their socket open. Requests are then POSTed to /api/v1/help/requests/
one after another (each by its own neighbour, token auth); for every notification of a match
that reaches an offerer's socket, the latency is the time from sending that POST to the frame's
arrival. Every alerted match must reach its offerer exactly once (checked against the database).

In the same run, the bare stack: daphne + the same channels_redis layer, an echo consumer, no
database (bench/live_bare_asgi.py), the same number of sockets; a plain group_send to one socket,
as many times, one after another. Last line:

    live sockets=<n> p50_ms=… p99_ms=… bare_p50_ms=… ratio_p50=…

The exit status is 1 if a notification was lost or delivered twice.
"""

import argparse
import asyncio
import random
import secrets
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import delivered_once, drain, listen, live_then_bare, post_each, random_point  # noqa: E402
from bench.stack import Daphne, analyze, database_args, signed_in, throwaway_stack  # noqa: E402
from bench.stats import percentile  # noqa: E402


def prepare(n_offerers: int, n_requesters: int, rng) -> tuple[list[tuple[int, str]], list[str]]:
    """Offerers with an open offer and a session; requesters with an API token."""
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    from solidarite.accounts.models import ApiToken, User
    from solidarite.help.models import Category, HelpOffer, OfferCategory
    from solidarite.places.geo import Point, public_point
    from solidarite.places.models import Quartier

    call_command("migrate", verbosity=0, interactive=False)
    password = make_password(secrets.token_urlsafe(16))  # one hash: hashing 1,000 measures nothing
    now = timezone.now()
    User.objects.bulk_create(
        [User(email=f"aidant{i}@exemple.fr", display_name=f"Aidant {i}", password=password) for i in range(n_offerers)]
        + [
            User(email=f"demandeur{i}@exemple.fr", display_name=f"Voisine {i}", password=password)
            for i in range(n_requesters)
        ]
    )
    offerers = list(User.objects.filter(email__startswith="aidant").order_by("id"))
    requesters = list(User.objects.filter(email__startswith="demandeur").order_by("id"))
    categories = list(Category.objects.all())
    quartier = Quartier.objects.first()
    offers = []
    for user in offerers:
        lat, lon = random_point(rng)
        shown = public_point(Point(lat, lon), grid_m=settings.PUBLIC_POINT_GRID_M, salt=secrets.token_hex(4))
        offers.append(
            HelpOffer(
                author=user,
                description="Disponible pour un coup de main.",
                radius_km=rng.choice([1.5, 2, 3]),
                latitude=lat,
                longitude=lon,
                public_latitude=shown.lat,
                public_longitude=shown.lon,
                quartier=quartier,
                created_at=now - timedelta(days=rng.random() * 20),
            )
        )
    offers = HelpOffer.objects.bulk_create(offers)
    OfferCategory.objects.bulk_create(
        OfferCategory(offer=o, category=c, latitude=o.latitude, longitude=o.longitude)
        for o in offers
        for c in rng.sample(categories, 3)
    )
    people = signed_in(offerers, now)
    tokens = [ApiToken.objects.issue(user=u, name="bench")[1] for u in requesters]
    analyze()
    return people, tokens


async def run_live(daphne: Daphne, people, tokens, n_requests: int, rng) -> dict:
    from django.utils import timezone

    from solidarite.help.models import Category, Match

    listening = await listen(daphne, people, "help.match_proposed", lambda message: message["data"]["match"])
    category_ids = await asyncio.to_thread(lambda: list(Category.objects.values_list("id", flat=True)))

    def request(i):
        lat, lon = random_point(rng)
        now = timezone.now()
        body = {
            "category": rng.choice(category_ids),
            "description": "Besoin d'un coup de main, merci !",
            "latitude": lat,
            "longitude": lon,
            "window_start": now.isoformat(),
            "window_end": (now + timedelta(days=3)).isoformat(),
        }
        return "/api/v1/help/requests/", body, tokens[i % len(tokens)]

    sent, errors, http_ms = await post_each(daphne, n_requests, request)
    sent_at = dict(sent.values())  # request id -> time its POST was sent

    def alerted_matches():
        rows = Match.objects.filter(request_id__in=list(sent_at), offerer_alerted_at__isnull=False)
        return {m: (author, sent_at[r]) for m, r, author in rows.values_list("id", "request_id", "offer__author_id")}

    counted = await drain(listening, asyncio.to_thread(alerted_matches))
    return {**counted, "errors": errors, "http_p50": percentile(http_ms, 50)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sockets", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200)
    database_args(parser)
    parser.add_argument("--seed", type=int, default=44400)
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        print("bench/live.py runs on PostgreSQL: give --database-url postgres://…", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    live = None
    with throwaway_stack(args, "live") as (env, prefix, tmp):
        people, tokens = prepare(args.sockets, args.requests, rng)
        print(f"prepared {len(people)} offerers and {len(tokens)} requesters", flush=True)
        live = live_then_bare(
            "live",
            env,
            tmp,
            args,
            prefix,
            lambda daphne: run_live(daphne, people, tokens, args.requests, rng),
            n_sockets=args.sockets,
            n_sends=args.requests,
            counted=lambda live: f"alerts={live['expected']}",
        )
    return delivered_once(live)


if __name__ == "__main__":
    sys.exit(main())
