"""Finding places of digital help: by service, by quartier, nearest first; and their digital-help permanences.

One function, ``nearest``, answers the list page, the map page and the API alike. It reads only the
points of the matching places (two numbers each, through the four joins), sorts them by distance in
Python, then loads in full only the page shown: the whole town's places cost one narrow query, and
the page one more (bench/digital_parts/places.py).
"""

from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Coalesce

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
        if self.distance_km is None:
            return ""
        metres = self.distance_km * 1000
        return f"{round(metres, -1):.0f} m" if metres < 1000 else f"{self.distance_km:.1f} km".replace(".", ",")


def matching(services=(), quartier=None):
    qs = DigitalPlace.objects.public().offering(services)
    if quartier is not None:
        qs = qs.in_quartier(quartier)
    return qs


def nearest(services=(), quartier=None, origin: Point | None = None, *, offset=0, limit=20, with_point=False):
    """(count, page): the public places offering every service, nearest to ``origin`` first (those
    without a point last), else by name. ``with_point`` keeps only the places a map can show."""
    qs = matching(services, quartier).with_point()
    if with_point:
        qs = qs.filter(lat__isnull=False, lon__isnull=False)
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
