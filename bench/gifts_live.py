"""gifts_live: from a gift POSTed over HTTP to the notification on the matched wishers' sockets.

    .venv/bin/python bench/gifts_live.py [--sockets 500] [--gifts 200]
        [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--redis-url redis://127.0.0.1:6379/0]

One daphne process (solidarite.asgi, Redis channel layer, a throw-away PostgreSQL database made for the
run and dropped after it), as ``bench/live.py`` (whose machinery this reuses). N wishers, each with one open
wish over Rezé and a signed-in session, keep their socket open. Gifts are then POSTed to
/api/v1/giveaways/gifts/ one after another (each by its own giver, token auth); for every
``giveaways.gift_matched`` notification reaching a wisher's socket, the latency is the time from sending that
POST to the frame's arrival. Every match made must reach its wisher exactly once (checked against the database).

In the same run, the bare stack (daphne + channels_redis, an echo consumer, no database): a plain
group_send to one socket, as many times. Last line:

    gifts_live sockets=<n> p50_ms=… p99_ms=… bare_p50_ms=… ratio_p50=…

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


def prepare(n_wishers: int, n_givers: int, rng):
    """Wishers with an open wish and a session; givers with an API token."""
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    from solidarite.accounts.models import ApiToken, User
    from solidarite.giveaways.models import Category, Wish
    from solidarite.places.geo import Point, public_point
    from solidarite.places.models import Quartier

    call_command("migrate", verbosity=0, interactive=False)
    password = make_password(secrets.token_urlsafe(16))
    now = timezone.now()
    User.objects.bulk_create(
        [User(email=f"souhait{i}@exemple.fr", display_name=f"Voisine {i}", password=password) for i in range(n_wishers)]
        + [User(email=f"donneur{i}@exemple.fr", display_name=f"Voisin {i}", password=password) for i in range(n_givers)]
    )
    wishers = list(User.objects.filter(email__startswith="souhait").order_by("id"))
    givers = list(User.objects.filter(email__startswith="donneur").order_by("id"))
    quartier = Quartier.objects.first()
    wishes = []
    for user in wishers:
        lat, lon = random_point(rng)
        shown = public_point(Point(lat, lon), grid_m=settings.PUBLIC_POINT_GRID_M, salt=secrets.token_hex(4))
        wishes.append(
            Wish(
                wisher=user,
                category=rng.choice(Category.values),
                what="Je cherche un objet",
                radius_km=rng.choice([2.0, 3.0]),
                until=now + timedelta(days=30),
                latitude=lat,
                longitude=lon,
                public_latitude=shown.lat,
                public_longitude=shown.lon,
                quartier=quartier,
                created_at=now - timedelta(days=rng.random() * 20),
            )
        )
    Wish.objects.bulk_create(wishes)
    people = signed_in(wishers, now)
    tokens = [ApiToken.objects.issue(user=u, name="bench")[1] for u in givers]
    analyze()
    return people, tokens


async def run_live(daphne: Daphne, people, tokens, n_gifts: int, rng) -> dict:
    from django.utils import timezone

    from solidarite.giveaways.models import Category, GiftMatch

    listening = await listen(daphne, people, "giveaways.gift_matched", lambda message: message["data"]["match"])

    def request(i):
        lat, lon = random_point(rng)
        now = timezone.now()
        body = {
            "title": "Poussette pliable",
            "description": "Poussette canne, roues en bon état.",
            "category": Category.values[i % len(Category.values)],
            "pickup_from": now.isoformat(),
            "pickup_until": (now + timedelta(days=5)).isoformat(),
            "pickup_details": "Au 3 rue du Bench",
            "latitude": lat,
            "longitude": lon,
        }
        return "/api/v1/giveaways/gifts/", body, tokens[i % len(tokens)]

    sent, errors, http_ms = await post_each(daphne, n_gifts, request)
    sent_at = dict(sent.values())  # gift id -> time its POST was sent

    def made():
        rows = GiftMatch.objects.filter(gift_id__in=list(sent_at)).values_list("id", "gift_id", "wish__wisher_id")
        return {m: (wisher, sent_at[gift]) for m, gift, wisher in rows}

    counted = await drain(listening, asyncio.to_thread(made))
    return {**counted, "errors": errors, "http_p50": percentile(http_ms, 50)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sockets", type=int, default=500)
    parser.add_argument("--gifts", type=int, default=200)
    database_args(parser)
    parser.add_argument("--seed", type=int, default=44400)
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        print("bench/gifts_live.py runs on PostgreSQL: give --database-url postgres://…", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    live = None
    with throwaway_stack(args, "gifts", HELP_POSTS_PER_HOUR="100000") as (env, prefix, tmp):
        people, tokens = prepare(args.sockets, args.gifts, rng)
        print(f"prepared {len(people)} wishers and {len(tokens)} givers", flush=True)
        live = live_then_bare(
            "gifts_live",
            env,
            tmp,
            args,
            prefix,
            lambda daphne: run_live(daphne, people, tokens, args.gifts, rng),
            n_sockets=args.sockets,
            n_sends=args.gifts,
            counted=lambda live: f"matches={live['expected']}",
        )
    return delivered_once(live)


if __name__ == "__main__":
    sys.exit(main())
