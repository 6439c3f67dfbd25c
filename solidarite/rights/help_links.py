"""Help requests meet the guide: a request in « Démarches administratives » or « Numérique » shows the
matching aids and the next permanences nearby (read-only; the template tag ``rights_for_help``).

The number of queries is fixed whatever the size of the guide: one for the aids (and one for their
publics), one for the candidate permanences with their places, then two per permanence shown (its
appointments and held slots over its horizon), at most ``PERMANENCES`` of them.

A request a mediator posted under a mandate becomes an appointment (the hand-off): a mediator of the
mandate's structure sees « Prendre rendez-vous pour cette personne » next to each permanence, a link
to its page with ``?pour=<mandate>&demande=<request>``; the booking goes through
``appointments.book(on_behalf_of=…)`` (the act is logged on the mandate) and is linked to the request,
whose page then shows it to its author and the structure's mediators. The hand-off costs a fixed two
queries (the grant, the request's appointments), never one per permanence.
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


def for_help_request(help_request, user=None) -> dict:
    themes = themes_for(help_request)
    if not themes:
        return {"shown": False}
    point = Point(help_request.public_latitude, help_request.public_longitude)
    return {
        "shown": True,
        "aids": aids_for(themes),
        "permanences": permanences_for(themes, point),
        **handoff(help_request, user),
    }


# --- the hand-off: from a request posted under a mandate to an appointment -------------------------


def handoff(help_request, user) -> dict:
    """What ``user`` may do and see of the request's appointments: the booking action (``pour``, the
    query string of its link), or why not (``no_scope``), and the appointments booked from it."""
    from solidarite.rights import mandates
    from solidarite.rights.mandate_models import Scope

    if help_request.mandate_id is None or user is None or not (user.is_authenticated and user.is_active):
        return {}
    mandate = help_request.mandate
    is_mediator = mandates.is_mediator_of(user, mandate.structure_id)
    if not (is_mediator or help_request.author_id == user.pk):
        return {}
    found = {"booked": list(help_request.appointments.select_related("permanence__place").order_by("start"))}
    if is_mediator and mandate.is_current(mandates.today()):
        if mandate.allows(Scope.APPOINTMENTS):
            found["pour"] = f"?pour={mandate.pk}&demande={help_request.pk}"
        else:
            found["no_scope"] = True
    return found


def request_for_booking(data, by):
    """The help request and its mandate a booking link names (``pour``, ``demande``), checked: ``by``
    a mediator of the mandate's structure, the mandate in force with the appointments scope, the
    request posted under it. ``(None, None)`` without ``pour``; a French ValidationError otherwise."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from solidarite.rights import mandates
    from solidarite.rights.mandate_models import Scope

    pour, demande = data.get("pour", ""), data.get("demande", "")
    if not pour or not by.is_authenticated:  # a visitor books nothing: the booking asks them to sign in
        return None, None
    # As the booking form's own choice: anyone but a mediator of the structure, an ended mandate, one
    # without the scope, all get the same French 400 (an unknown id says no more than that).
    mandate = mandates.chosen(pour, by, Scope.APPOINTMENTS)
    if not demande:
        return None, mandate
    pk = int(demande) if demande.isdigit() and len(demande) < 19 else 0
    # Through the request's own link to its mandate: ``rights`` does not import ``help`` (docs/architecture.md).
    help_request = mandate.help_requests.filter(pk=pk).first()
    if help_request is None:
        raise ValidationError(_("Cette demande d'aide n'a pas été publiée sous ce mandat."), code="demande")
    return help_request, mandate


def book_for_request(*, help_request, permanence, by, start, reason, now=None):
    """Book for the resident of the request's mandate and link the appointment to the request."""
    from django.db import transaction

    from solidarite.rights import appointments

    with transaction.atomic():
        appointment = appointments.book(
            permanence=permanence, by=by, start=start, reason=reason, now=now, on_behalf_of=help_request.mandate
        )
        help_request.appointments.add(appointment)
    return appointment
