"""Places of digital help at scale: the public map's query of the places near a point offering the services
asked (``digital.search.map_points``, as ``digital:map`` calls it: up to 500 places with a point, nearest
first, each with its name, address, distance and link).

Seeds ``--places`` places (2,000 by default), a quarter of each kind the app points to: points d'accueil,
rooms, association premises and shops, spread over a 4 km square around the town centre, each offering
each service with a fixed chance. Each sample asks from a random point for one or two random services.
"""

from solidarite.digital.models import Service

KINDS = ("rights_place", "room", "association", "shop")
# How often a place offers each service (wifi is common, workshops rarer).
CHANCE = {
    Service.COMPUTERS: 0.5,
    Service.WIFI: 0.7,
    Service.PRINTING: 0.5,
    Service.PROCEDURES: 0.4,
    Service.WORKSHOPS: 0.3,
}


def _point(rng, center):
    return center[0] + rng.uniform(-0.018, 0.018), center[1] + rng.uniform(-0.026, 0.026)


def seed(args, rng):
    from django.conf import settings

    from associations.directory.models import Association
    from associations.rooms.models import Room
    from solidarite.digital.models import DigitalPlace
    from solidarite.places.models import Quartier
    from solidarite.rights.models import Place
    from solidarite.shops.models import Shop

    quartiers = list(Quartier.objects.all())
    count = getattr(args, "places", 2000)
    per_kind = count // len(KINDS)
    center = settings.TOWN_CENTER
    hours = "Mo-Fr 09:00-12:00,14:00-18:00; PH off"

    def located(i):
        lat, lon = _point(rng, center)
        return {"latitude": lat, "longitude": lon, "quartier": rng.choice(quartiers)}

    targets = {
        "rights_place": Place.objects.bulk_create(
            Place(slug=f"bench-accueil-{i}", name=f"Point d'accueil {i}", kind="numerique", address=f"{i} rue du Bench",
                  opening_hours=hours, **located(i))
            for i in range(per_kind)
        ),
        "room": Room.objects.bulk_create(
            Room(slug=f"bench-salle-{i}", name=f"Salle {i}", address=f"{i} rue des Salles", capacity=20,
                 opening_hours=hours, **located(i))
            for i in range(per_kind)
        ),
        "association": Association.objects.bulk_create(
            Association(slug=f"bench-asso-{i}", name=f"Association {i}", purpose="Entraide numérique",
                        address=f"{i} rue des Assos", status=Association.Status.VERIFIED, opening_hours=hours,
                        **located(i))
            for i in range(per_kind)
        ),
        "shop": Shop.objects.bulk_create(
            Shop(slug=f"bench-commerce-{i}", name=f"Commerce {i}", kind="cafe", address=f"{i} rue des Commerces",
                 status=Shop.Status.VERIFIED, opening_hours=hours, **located(i))
            for i in range(per_kind)
        ),
    }  # fmt: skip
    rows = []
    for kind in KINDS:
        for target in targets[kind]:
            services = {code: rng.random() < chance for code, chance in CHANCE.items()}
            if not any(services.values()):
                services[Service.WIFI] = True
            rows.append(DigitalPlace(**{kind: target}, **services))
    DigitalPlace.objects.bulk_create(rows, batch_size=500)
    return {"center": center}


def measure(args, rng, state, timed):
    from django.conf import settings

    from solidarite.digital import search
    from solidarite.digital.views import MAP_LIMIT
    from solidarite.places.geo import Point

    center = state.get("center") or settings.TOWN_CENTER
    codes = list(CHANCE)
    asks = [
        (Point(*_point(rng, center)), rng.sample(codes, rng.choice((1, 2))))
        for _ in range(getattr(args, "samples", 300))
    ]

    def map_query(i):
        origin, services = asks[i]
        total, found = search.map_points(services=services, origin=origin, limit=MAP_LIMIT)
        assert total and found[0].distance_km is not None

    timed(map_query, min(10, len(asks)))
    return {"map_ms": timed(map_query, len(asks))}
