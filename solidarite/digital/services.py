"""Marking a place as a place of digital help, and editing what it offers: the one entry point of the
pages and the API. Who may: ``venues.can_manage`` (staff; an association's managers; a shop's owner).
Every change is logged (``DigitalPlaceChange``: who, when, each field before and after).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from solidarite.digital import venues
from solidarite.digital.models import DigitalPlace, DigitalPlaceChange

EDITABLE = [
    "free_computers",
    "free_wifi",
    "printing",
    "online_procedures",
    "beginner_workshops",
    "summary",
    "publics",
    "support",
    "fee",
    "opening_hours",
    "aidants_connect",
    "conseiller_numerique",
    "pivot",
    "is_published",
]


def _refuse_unless_manager(user, obj) -> None:
    if not venues.can_manage(user, obj):
        raise PermissionDenied(
            _(
                "Seul·es les agent·es de la ville et les responsables de ce lieu peuvent le présenter "
                "comme lieu d'aide au numérique."
            )
        )


def _apply(place: DigitalPlace, data: dict) -> dict:
    """Set the editable fields given; return {field: [before, after]} of those that changed."""
    unknown = sorted(set(data) - set(EDITABLE))
    if unknown:
        raise ValidationError({name: _("Ce champ ne se modifie pas ici.") for name in unknown})
    changes = {}
    for name, value in data.items():
        before = getattr(place, name)
        if before != value:
            changes[name] = [before, value]
            setattr(place, name, value)
    if not (
        place.free_computers or place.free_wifi or place.printing or place.online_procedures or place.beginner_workshops
    ):
        raise ValidationError(_("Cochez au moins un service : c'est ce que les gens cherchent."), code="no_service")
    # The place's key never changes here and is set once: the unique keys and the « exactly one place »
    # constraint are the database's to enforce (``mark`` turns a duplicate into its French message).
    place.full_clean(validate_unique=False, validate_constraints=False)
    return changes


def mark(*, obj, by, data: dict) -> DigitalPlace:
    """Mark ``obj`` (a point d'accueil, room, association or shop) as a place of digital help."""
    _refuse_unless_manager(by, obj)
    place = DigitalPlace(**{venues.kind_of(obj): obj}, updated_by=by)
    changes = _apply(place, data)
    try:
        with transaction.atomic():
            place.save()
            DigitalPlaceChange.objects.create(place=place, by=by, action="marked", changes=changes)
    except IntegrityError:
        # The unique key of the place: someone marked it meanwhile (or twice with one click).
        raise ValidationError(_("Ce lieu est déjà présenté comme lieu d'aide au numérique."), code="already") from None
    return place


def update(*, place: DigitalPlace, by, data: dict) -> DigitalPlace:
    _refuse_unless_manager(by, place.target)
    with transaction.atomic():
        place = DigitalPlace.objects.select_for_update().get(pk=place.pk)
        changes = _apply(place, data)
        if changes:
            place.updated_by = by
            place.save()
            DigitalPlaceChange.objects.create(place=place, by=by, action="updated", changes=changes)
    return place
