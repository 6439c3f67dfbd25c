"""Help requests meet the guide: a request in « Démarches administratives » or « Numérique » shows the
matching aids and the next permanences nearby (read-only; the template tag ``rights_for_help``).

The number of queries is fixed whatever the size of the guide: one for the aids (and one for their
publics), one for the candidate permanences with their places, then two per permanence shown (its
appointments and held slots over its horizon), at most ``PERMANENCES`` of them.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from solidarite.places.geo import Point, distance_km

# A help request's category (its slug) -> the data·inclusion categories of the guide that answer it.
CATEGORY_THEMES = {
    "demarches-administratives": ("difficultes-administratives-ou-juridiques",),
    "numerique": ("numerique",),
}
AIDS = 4
PERMANENCES = 3
CANDIDATES = 30  # permanences read to pick the nearest; a town has a few dozen


@dataclass(frozen=True)
class NearbyPermanence:
    permanence: object
    distance_km: float | None
    next_free: dt.datetime | None


def themes_for(help_request) -> tuple[str, ...]:
    return CATEGORY_THEMES.get(getattr(help_request.category, "slug", ""), ())


def aids_for(themes) -> list:
    from django.db.models import Q

    from solidarite.rights.models import Aid, AidPublic, AidTheme

    if not themes:
        return []
    matching = Q()
    for code in themes:
        matching |= Q(code__startswith=code + "--")
    return list(
        Aid.objects.published()
        .filter(pk__in=AidTheme.objects.filter(matching).values("aid_id"))
        .prefetch_related(Prefetch("publics", queryset=AidPublic.objects.order_by("code")))
        .order_by("title", "pk")[:AIDS]
    )


def permanences_for(themes, point: Point | None, *, now=None) -> list[NearbyPermanence]:
    from django.db.models import Q

    from solidarite.rights import availability
    from solidarite.rights.models import Permanence, PlaceTheme

    if not themes:
        return []
    now = now or timezone.now()
    matching = Q()
    for code in themes:
        matching |= Q(code__startswith=code + "--")
    candidates = list(
        Permanence.objects.filter(is_active=True, place__is_published=True)
        .filter(place__in=PlaceTheme.objects.filter(matching).values("place_id"))
        .select_related("place")
        .order_by("pk")[:CANDIDATES]
    )

    def distance(permanence):
        place = permanence.place
        if point is None or place.latitude is None or place.longitude is None:
            return None
        return distance_km(point, Point(place.latitude, place.longitude))

    ranked = sorted(((distance(p), p) for p in candidates), key=lambda pair: (pair[0] is None, pair[0] or 0))
    found = []
    for km, permanence in ranked[:PERMANENCES]:
        free = next((s.start for s in availability.slots(permanence, now=now) if s.bookable), None)
        found.append(NearbyPermanence(permanence, None if km is None else round(km, 1), free))
    return found


def for_help_request(help_request) -> dict:
    themes = themes_for(help_request)
    if not themes:
        return {"shown": False}
    point = Point(help_request.public_latitude, help_request.public_longitude)
    return {"shown": True, "aids": aids_for(themes), "permanences": permanences_for(themes, point)}
