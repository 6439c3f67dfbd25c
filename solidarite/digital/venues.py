"""The place a place of digital help is: a point d'accueil, a room, an association's premises or a shop.

``venue(digital_place)`` reads the one it points to into the same shape (name, address, point, phone,
hours, who may edit it), so pages, the API and the national export never ask which of the four it is.
``choices_for(user)`` lists the places a person may mark: staff any of them, an association's managers
its premises, a shop's verified owner the shop.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from solidarite.accounts.roles import can_post, is_city_staff

KIND_PREFIX = {"rights_place": "accueil", "room": "salle", "association": "association", "shop": "commerce"}


@dataclass(frozen=True)
class Venue:
    kind: str  # a DigitalPlace target field name
    kind_label: str
    obj: object
    name: str
    address: str
    postal_code: str
    city: str
    latitude: float | None
    longitude: float | None
    quartier: object
    phone: str
    email: str
    website: str
    opening_hours: str
    accessibility: str
    pivot: str  # the SIRET or RNA the place itself holds ("" when none)
    typologie: str  # data·inclusion's structure types, as the national standard asks
    url: str

    @property
    def key(self) -> str:
        return f"{KIND_PREFIX[self.kind]}-{self.obj.pk}"


def _rights_place(place) -> Venue:
    typologie = {"ccas": "CCAS", "mairie": "MUNI", "association": "ASSO", "centre-social": "CS"}.get(place.kind, "")
    association = place.association if place.association_id else None
    return Venue(
        "rights_place",
        place.get_kind_display(),
        place,
        place.name,
        place.address,
        place.postal_code or settings.TOWN_POSTAL_CODE,
        place.city or settings.TOWN_NAME,
        place.latitude,
        place.longitude,
        place.quartier,
        place.phone,
        place.email,
        place.website,
        place.opening_hours,
        place.accessibility,
        (association.siret or association.rna) if association else "",
        typologie,
        place.get_absolute_url(),
    )


def _room(room) -> Venue:
    notes = [_("de plain-pied ou avec ascenseur")] if room.step_free else []
    notes += [_("boucle magnétique")] if room.hearing_loop else []
    notes += [room.accessibility_note] if room.accessibility_note else []
    return Venue(
        "room",
        _("salle municipale"),
        room,
        room.name,
        room.address,
        settings.TOWN_POSTAL_CODE,
        settings.TOWN_NAME,
        room.latitude,
        room.longitude,
        room.quartier,
        "",
        "",
        "",
        room.effective_opening_hours,
        ", ".join(notes),
        "",
        "MUNI",
        room.get_absolute_url(),
    )


def _association(association) -> Venue:
    return Venue(
        "association",
        _("local associatif"),
        association,
        association.name,
        association.address,
        association.postal_code or settings.TOWN_POSTAL_CODE,
        association.city or settings.TOWN_NAME,
        association.latitude,
        association.longitude,
        association.quartier,
        association.phone,
        association.email,
        association.website,
        association.opening_hours,
        association.accessibility,
        association.siret or association.rna,
        "ASSO",
        association.get_absolute_url(),
    )


def _shop(shop) -> Venue:
    return Venue(
        "shop",
        _("commerce"),
        shop,
        shop.name,
        shop.address,
        shop.postal_code or settings.TOWN_POSTAL_CODE,
        shop.city or settings.TOWN_NAME,
        shop.latitude,
        shop.longitude,
        shop.quartier,
        shop.phone,
        "",
        shop.website,
        shop.opening_hours,
        shop.accessibility,
        shop.siret,
        "",
        shop.get_absolute_url(),
    )


READERS = {"rights_place": _rights_place, "room": _room, "association": _association, "shop": _shop}
# What a list of places loads with them: each target and its quartier, in one query.
RELATED = [
    "rights_place__quartier",
    "rights_place__association",
    "room__quartier",
    "association__quartier",
    "shop__quartier",
]


def venue(digital_place) -> Venue | None:
    kind = digital_place.target_kind
    return READERS[kind](getattr(digital_place, kind)) if kind else None


def of(obj) -> Venue:
    """The venue of a point d'accueil, room, association or shop not yet marked."""
    return READERS[kind_of(obj)](obj)


def kind_of(obj) -> str:
    return {"Place": "rights_place", "Room": "room", "Association": "association", "Shop": "shop"}[type(obj).__name__]


def can_manage(user, obj) -> bool:
    """Staff for every place; an association's managers for its premises (and for the points d'accueil
    it runs); a shop's verified owner for the shop."""
    if not can_post(user):
        return False
    if is_city_staff(user):
        return True
    kind = kind_of(obj)
    if kind == "association":
        return obj.is_manager(user)
    if kind == "rights_place" and obj.association_id:
        return obj.association.is_manager(user)
    if kind == "shop":
        return obj.is_owner(user)
    return False


def choices_for(user) -> list[tuple[str, list[Venue]]]:
    """The places ``user`` may mark, not marked yet, grouped by kind (one group per kind, in this order)."""
    from associations.directory.models import Association
    from associations.rooms.models import Room
    from solidarite.rights.models import Place
    from solidarite.shops.models import Shop

    if not can_post(user):
        return []
    staff = is_city_staff(user)
    managed = Association.objects.managed_by(user)
    sources = [
        (_("Points d'accueil"), Place.objects.all() if staff else Place.objects.filter(association__in=managed)),
        (_("Salles municipales"), Room.objects.all() if staff else Room.objects.none()),
        (_("Locaux associatifs"), Association.objects.listed() if staff else managed),
        (_("Commerces"), Shop.objects.listed() if staff else Shop.objects.owned_by(user)),
    ]
    groups = []
    for label, qs in sources:
        found = [of(obj) for obj in qs.filter(digital_help__isnull=True).order_by("name", "pk")]
        if found:
            groups.append((label, found))
    return groups


def find(key: str, user):
    """The place behind a choice key (``salle-3``) if ``user`` may mark it; else None."""
    prefix, _sep, pk = key.rpartition("-")
    for group in choices_for(user):
        for candidate in group[1]:
            if candidate.key == key and prefix and pk.isdigit():
                return candidate.obj
    return None
