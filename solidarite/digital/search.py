"""Finding places of digital help: by service, by quartier, nearest first; and their digital-help permanences.

``nearest`` answers the list page and the API: it reads only the points of the matching places (two
numbers each, through the four joins), sorts them by distance in Python, then loads in full only the
page shown. ``map_points`` answers the map: names, addresses and points as plain values, no model
loaded (bench/digital_parts/places.py).
"""

from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse

from solidarite.digital import venues
from solidarite.digital.models import TARGETS, DigitalPlace
from solidarite.places.geo import Point, distance_km

# The data·inclusion thematique of the guide that marks a permanence as digital help.
DIGITAL_THEME = "numerique--"


@dataclass
class Found:
    place: DigitalPlace
    venue: venues.Venue
    distance_km: float | None

    @property
    def distance_text(self) -> str:
        return distance_text(self.distance_km)


@dataclass
class MapPoint:
    """What the map shows of a place: a marker and a line of the list under it, no model loaded."""

    pk: int
    name: str
    address: str
    latitude: float
    longitude: float
    distance_km: float | None
    url: str

    @property
    def distance_text(self) -> str:
        return distance_text(self.distance_km)


def distance_text(km: float | None) -> str:
    if km is None:
        return ""
    return f"{round(km * 1000, -1):.0f} m" if km < 1 else f"{km:.1f} km".replace(".", ",")


def matching(services=(), quartier=None):
    qs = DigitalPlace.objects.public().offering(services)
    if quartier is not None:
        qs = qs.in_quartier(quartier)
    return qs


def nearest(services=(), quartier=None, origin: Point | None = None, *, offset=0, limit=20):
    """(count, page): the public places offering every service, nearest to ``origin`` first (those
    without a point last), else by name."""
    qs = matching(services, quartier).with_point()
    distances = {}
    if origin is None:
        total = qs.count()
        named = qs.annotate(venue_name=Coalesce(*(f"{target}__name" for target in TARGETS)))
        page_ids = list(named.order_by("venue_name", "pk").values_list("pk", flat=True)[offset : offset + limit])
    else:
        rows = list(qs.values_list("pk", "lat", "lon"))
        total = len(rows)
        for pk, lat, lon in rows:
            distances[pk] = distance_km(origin, Point(lat, lon)) if lat is not None and lon is not None else None
        rows.sort(key=lambda row: (distances[row[0]] is None, distances[row[0]] or 0, row[0]))
        page_ids = [row[0] for row in rows[offset : offset + limit]]
    by_pk = DigitalPlace.objects.select_related(*venues.RELATED).in_bulk(page_ids)
    places = [by_pk[pk] for pk in page_ids]
    return total, [Found(p, venues.venue(p), distances.get(p.pk)) for p in places]


def map_points(services=(), quartier=None, origin: Point | None = None, *, limit=500):
    """(count, points): the public places with a point offering every service, nearest to ``origin`` first
    (else by name), read as plain values in one query. Loading each place and its venue cost the map 20 times
    more than the query itself at 2,000 places (bench/digital_parts/places.py)."""
    qs = (
        matching(services, quartier)
        .with_point()
        .filter(lat__isnull=False, lon__isnull=False)
        .annotate(
            venue_name=Coalesce(*(f"{target}__name" for target in TARGETS)),
            venue_address=Coalesce(*(f"{target}__address" for target in TARGETS)),
        )
    )
    rows = list(qs.values_list("pk", "lat", "lon", "venue_name", "venue_address"))
    if origin is None:
        rows.sort(key=lambda row: (row[3].casefold(), row[0]))
        distances = [None] * len(rows)
    else:
        measured = sorted((distance_km(origin, Point(row[1], row[2])), row[0], row) for row in rows)
        rows, distances = [row for _d, _pk, row in measured], [d for d, _pk, _row in measured]
    # One reverse() for the page, not one per marker (it was most of the time left).
    url = reverse("digital:place", args=[0]).removesuffix("0/") + "{}/"
    points = [
        MapPoint(pk, name, address, lat, lon, distance, url.format(pk))
        for (pk, lat, lon, name, address), distance in zip(rows[:limit], distances[:limit], strict=True)
    ]
    return len(rows), points


def permanences(place: DigitalPlace):
    """The active digital-help permanences held at the place: at its point d'accueil, or at a point
    d'accueil its association runs, whose themes include the guide's digital-help thematique."""
    from solidarite.rights.models import Permanence

    where = Q(pk__in=[])
    if place.rights_place_id:
        where |= Q(place_id=place.rights_place_id)
    if place.association_id:
        where |= Q(place__association_id=place.association_id)
    return (
        Permanence.objects.published()
        .filter(where, is_active=True, place__themes__code__startswith=DIGITAL_THEME)
        .distinct()
        .order_by("title", "pk")
    )


def with_permanences(places) -> set[int]:
    """The ids of ``places`` that hold a digital-help permanence: one query for any number of places."""
    from solidarite.rights.models import Permanence

    held = (
        Permanence.objects.published()
        .filter(is_active=True, place__themes__code__startswith=DIGITAL_THEME)
        .values_list("place_id", "place__association_id")
    )
    rights_places = {place_id for place_id, _association_id in held}
    associations = {association_id for _place_id, association_id in held if association_id}
    return {p.pk for p in places if p.rights_place_id in rights_places or p.association_id in associations}


def next_free_slots(place: DigitalPlace):
    """[(permanence, first free slot or None)] of the place's digital-help permanences."""
    from solidarite.rights import availability

    return [
        (permanence, next((slot for slot in availability.slots(permanence) if slot.bookable), None))
        for permanence in permanences(place)
    ]


def association(obj) -> dict:
    """The association page's section: its premises' digital help if public (one query)."""
    return {"digital_place": DigitalPlace.objects.public().filter(association=obj).first()}
