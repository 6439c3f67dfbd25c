"""surplus_live: from a shop's surplus offer POSTed over HTTP to the notification on the matched épiceries'
managers' sockets.

    .venv/bin/python bench/surplus_live.py [--groceries 20] [--sockets 1000] [--offers 200]
        [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--redis-url redis://127.0.0.1:6379/0]

One daphne process (solidarite.asgi, Redis channel layer, a throw-away PostgreSQL database made for the
run and dropped after it). ``--groceries`` épiceries sociales around the town, two managers each, every
one with a signed-in socket open, among ``--sockets`` open sockets in all (the others are neighbours
who only listen). A shop's owner then POSTs offers to /api/v1/grocery/surplus/ one after another (token
auth); for each notification of an offer reaching a manager's socket, the latency is the time from
sending that POST to the frame's arrival. Every notification written must arrive exactly once.

In the same run, the bare stack (bench/harness.py's: daphne + channels_redis, an echo consumer, no
database), the same number of sockets and sends. Last line:

    surplus_live sockets=<n> p50_ms=… p99_ms=… bare_p50_ms=… ratio_p50=…

The exit status is 1 if a notification was lost or delivered twice.
"""

import argparse
import asyncio
import datetime as dt
import random
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import delivered_once, drain, listen, live_then_bare, post_each, random_point  # noqa: E402
from bench.stack import Daphne, analyze, database_args, signed_in, throwaway_stack  # noqa: E402
from bench.stats import percentile  # noqa: E402

CATEGORIES = ["fruits-legumes", "frais", "pain", "epicerie", "hygiene", "bebe"]


def prepare(n_groceries: int, n_sockets: int, rng):
    """Épiceries (needs, hours, two managers each), listening neighbours, a verified shop and its owner's token."""
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    from solidarite.accounts.models import ApiToken, User
    from solidarite.grocery.models import Grocery
    from solidarite.grocery.surplus_models import Need
    from solidarite.shops.models import Shop

    call_command("migrate", verbosity=0, interactive=False)
    password = make_password(secrets.token_urlsafe(16))
    now = timezone.now()
    managers = 2 * n_groceries
    User.objects.bulk_create(
        [User(email=f"gerante{i}@exemple.fr", display_name=f"Gérante {i}", password=password) for i in range(managers)]
        + [
            User(email=f"voisin{i}@exemple.fr", display_name=f"Voisin {i}", password=password)
            for i in range(max(0, n_sockets - managers))
        ]
        + [User(email="boulanger@exemple.fr", display_name="Boulanger", password=password)]
    )
    listeners = list(User.objects.filter(email__startswith=("gerante")).order_by("id"))
    listeners += list(User.objects.filter(email__startswith="voisin").order_by("id"))
    for i in range(n_groceries):
        lat, lon = random_point(rng)
        grocery = Grocery.objects.create(
            slug=f"epicerie-{i}",
            name=f"Épicerie {i}",
            run_by="CCAS",
            address="Rezé",
            latitude=f"{lat:.6f}",
            longitude=f"{lon:.6f}",
            opening_hours="Mo-Sa 08:00-20:00",
        )
        grocery.managers.add(listeners[2 * i], listeners[2 * i + 1])
        Need.objects.bulk_create(
            Need(grocery=grocery, category=c, updated_at=now - dt.timedelta(days=rng.randrange(30)))
            for c in rng.sample(CATEGORIES, 3)
        )
    owner = User.objects.get(email="boulanger@exemple.fr")
    lat, lon = random_point(rng)
    Shop.objects.create(
        name="Boulangerie du Port",
        slug="boulangerie-du-port",
        kind=Shop.Kind.FOOD,
        address="Rezé",
        latitude=lat,
        longitude=lon,
        opening_hours="Mo-Sa 07:00-19:00",
        siret="73282932000074",
        status=Shop.Status.VERIFIED,
        verified_at=now,
        owner=owner,
    )
    people = signed_in(listeners, now)
    token = ApiToken.objects.issue(user=owner, name="bench")[1]
    analyze()
    return people, token


async def run_offers(daphne: Daphne, people, token: str, n_offers: int, rng) -> dict:
    from django.utils import timezone

    from solidarite.grocery.notices import SURPLUS_OFFERED
    from solidarite.notifications.models import Notification

    # Which offer a notification announces is read from the database afterwards: it is keyed by its own id.
    listening = await listen(daphne, people, SURPLUS_OFFERED, lambda message: message["id"])

    def request(i):
        body = {
            "shop": "boulangerie-du-port",
            "category": rng.choice(CATEGORIES),
            "what": f"Lot d'invendus n° {i}",
            "kg": "4.5",
            "until": (timezone.now() + dt.timedelta(days=3)).isoformat(),
        }
        return "/api/v1/grocery/surplus/", body, token

    sent, errors, http_ms = await post_each(daphne, n_offers, request)
    sent_at = {f"Lot d'invendus n° {i}": t0 for i, (_id, t0) in sent.items()}  # what the notification names

    def written():
        rows = dict(Notification.objects.filter(kind=SURPLUS_OFFERED).values_list("id", "user_id"))
        offer_of = _offer_of_notifications(list(rows))
        return {n: (user_id, sent_at.get(offer_of.get(n))) for n, user_id in rows.items()}

    counted = await drain(listening, asyncio.to_thread(written))
    return {**counted, "errors": errors, "offers": len(sent), "http_p50": percentile(http_ms, 50)}


def _offer_of_notifications(ids: list[int]) -> dict[int, str]:
    """Notification id -> the offer it announces, by the « what » of its parameters (unique per offer here)."""
    from solidarite.notifications.models import Notification

    rows = Notification.objects.filter(pk__in=ids).values_list("id", "refs")
    return {nid: ((refs or {}).get("params") or {}).get("what") for nid, refs in rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--groceries", type=int, default=20)
    parser.add_argument("--sockets", type=int, default=1000)
    parser.add_argument("--offers", type=int, default=200)
    database_args(parser)
    parser.add_argument("--seed", type=int, default=26611)
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        print("bench/surplus_live.py runs on PostgreSQL: give --database-url postgres://…", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    live = None
    with throwaway_stack(args, "surplus") as (env, prefix, tmp):
        people, token = prepare(args.groceries, args.sockets, rng)
        print(f"prepared {args.groceries} épiceries and {len(people)} listening sockets", flush=True)
        live = live_then_bare(
            "surplus_live",
            env,
            tmp,
            args,
            prefix,
            lambda daphne: run_offers(daphne, people, token, args.offers, rng),
            n_sockets=len(people),
            n_sends=args.offers,
            counted=lambda live: f"offers={live['offers']} notifications={live['expected']}",
        )
    return delivered_once(live)


if __name__ == "__main__":
    sys.exit(main())
