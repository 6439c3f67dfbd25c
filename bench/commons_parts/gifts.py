"""gifts: 20,000 gifts and 20,000 wishes over the town; a gift offered and matched live against the open wishes.

The timed call is ``giveaways.services.offer_gift``, what the page, the API and the demo call: validation,
the snapped public point, the INSERT, the help matcher's ringed prefilter and ``blend`` score over the open
wishes of its category, the GiftMatch rows and the matched wishers' notifications (pushed after commit).
Each sample is offered by another neighbour (the hourly cap counts per person).
"""

import datetime as dt
import math

PEOPLE = 2000
RADIUS_KM = 3.0  # where the town's neighbours live, around its centre
OPEN_SHARE = 0.4  # of the seeded gifts and wishes, those still open


def _point(rng, center):
    from solidarite.places.geo import KM_PER_DEGREE_LAT

    distance = RADIUS_KM * math.sqrt(rng.random())
    angle = rng.random() * 2 * math.pi
    lat = center.lat + distance * math.sin(angle) / KM_PER_DEGREE_LAT
    lon = center.lon + distance * math.cos(angle) / (KM_PER_DEGREE_LAT * math.cos(math.radians(center.lat)))
    return round(lat, 6), round(lon, 6)


def seed(args, rng):
    from decimal import Decimal

    from django.utils import timezone

    from solidarite.accounts.models import User
    from solidarite.giveaways.models import Category, Gift, Wish
    from solidarite.places.models import Quartier, town_center

    now = timezone.now()
    center = town_center()
    quartiers = list(Quartier.objects.all())
    people = User.objects.bulk_create(
        (User(email=f"bench-gift-{i}@exemple.fr", display_name=f"Voisin {i}", password="!") for i in range(PEOPLE)),
        batch_size=2000,
    )
    categories = Category.values
    words = ["poussette", "vélo", "commode", "table", "livres", "bouilloire", "perceuse", "manteau", "lampe"]

    def located():
        lat, lon = _point(rng, center)
        return {
            "latitude": lat,
            "longitude": lon,
            "public_latitude": round(lat, 3),
            "public_longitude": round(lon, 3),
            "quartier": rng.choice(quartiers),
        }

    def gift(i):
        open_ = rng.random() < OPEN_SHARE
        created = now - dt.timedelta(days=rng.randrange(0, 5) if open_ else rng.randrange(10, 300))
        status = "offered" if open_ else rng.choice(["given", "given", "expired", "withdrawn"])
        return Gift(
            giver=people[i % PEOPLE],
            title=f"{rng.choice(words)} {i}",
            description="Objet en bon état, à venir chercher.",
            category=rng.choice(categories),
            pickup_from=created,
            pickup_until=created + dt.timedelta(days=10),
            status=status,
            weight_kg=Decimal(rng.randrange(5, 300)) / 10 if status == "given" else None,
            given_at=created + dt.timedelta(days=2) if status == "given" else None,
            created_at=created,
            **located(),
        )

    def wish(i):
        open_ = rng.random() < OPEN_SHARE
        created = now - dt.timedelta(days=rng.randrange(0, 20) if open_ else rng.randrange(70, 300))
        return Wish(
            wisher=people[(i * 7 + 3) % PEOPLE],
            category=rng.choice(categories),
            what=f"Je cherche {rng.choice(words)}",
            radius_km=rng.choice([1.0, 2.0, 3.0, 5.0]),
            until=created + dt.timedelta(days=60),
            status="open" if open_ else rng.choice(["fulfilled", "closed", "expired"]),
            created_at=created,
            **located(),
        )

    Gift.objects.bulk_create((gift(i) for i in range(args.gifts)), batch_size=2000)
    Wish.objects.bulk_create((wish(i) for i in range(args.gifts)), batch_size=2000)
    return {"people": people, "center": center}


def measure(args, rng, state, timed):
    from django.utils import timezone

    from solidarite.giveaways import services
    from solidarite.giveaways.models import Category, GiftMatch, Wish

    people, center = state["people"], state["center"]
    open_wishes = Wish.objects.filter(status="open", until__gt=timezone.now()).count()
    before = GiftMatch.objects.count()

    def offer(i):
        now = timezone.now()
        services.offer_gift(
            by=people[(i * 13) % PEOPLE],
            title="Poussette pliable",
            description="Poussette canne, roues en bon état.",
            category=Category.values[i % len(Category.values)],
            pickup_from=now,
            pickup_until=now + dt.timedelta(days=7),
            pickup_details="Au 3 rue du Bench",
            point=_point(rng, center),
        )

    samples = timed(offer, args.samples)
    made = GiftMatch.objects.count() - before
    print(f"  gifts: {open_wishes} open wishes; {made / max(1, args.samples):.1f} matches per gift offered", flush=True)
    return {"gift_match_ms": samples}
