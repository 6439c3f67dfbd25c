"""The places of digital help as data·inclusion v1 ``Service`` records, each linked to its ``Structure``.

Besides LaMednum's standard (``mednum``), the national directory of social inclusion (data·inclusion) takes
the same places as services of the « numérique » thématiques, so that a social worker searching it for
« accéder à une connexion internet » near a person finds them. A place gives up to three services, one per
kind of help, each typed as data·inclusion types them:

- free computers, wifi, printing and scanning: « aide matérielle », to reach the internet (and online
  services, for printing and scanning the papers a procedure asks);
- help with online procedures: « accompagnement », to reach online services;
- workshops for beginners: « atelier », to master the basics.

The structure is the one the other exports already publish, so the hubs merge them: a point d'accueil's
(``rights.datainclusion``), a verified association's (the directory's ``opendata``); a room, a shop or an
association the directory cannot publish yet is a structure of its own, read from its venue. Validated in
``tests/digital/test_datainclusion.py`` with the schema's own pydantic models (data-inclusion-schema).
"""

import re

from django.conf import settings
from django.utils import timezone

from associations.directory import opendata
from solidarite.digital import search, venues
from solidarite.digital.models import DigitalPlace, Fee, Public, Support
from solidarite.rights import datainclusion as rights_export

INTERNET = "numerique--acceder-a-une-connexion-internet"
ONLINE = "numerique--acceder-a-des-services-en-ligne"
BASICS = "numerique--maitriser-les-fondamentaux-du-numerique"
PUBLICS = {
    Public.YOUNG: "jeunes",
    Public.STUDENTS: "etudiants",
    Public.FAMILIES: "familles",
    Public.SENIORS: "seniors",
    Public.WOMEN: "femmes",
}
DISABILITY = {Support.DEAF, Support.MOTOR, Support.MENTAL, Support.SIGHT}


def _float(value) -> float | None:
    return float(value) if value is not None else None


def _in_town(venue: venues.Venue) -> bool:
    return venue.postal_code == settings.TOWN_POSTAL_CODE


def _address(venue) -> dict:
    """The address fields a data·inclusion structure and its services share, in the schema's order."""
    return {
        "commune": venue.city,
        "code_postal": venue.postal_code,
        "code_insee": settings.TOWN_INSEE_CODE if _in_town(venue) else None,
        "adresse": venue.address or None,
        "complement_adresse": None,
        "longitude": _float(venue.longitude),
        "latitude": _float(venue.latitude),
    }


def venue_structure(place: DigitalPlace, venue: venues.Venue) -> dict:
    """A room, a shop or an unpublished association as a structure of its own."""
    siret = venue.pivot if venue.pivot.isdigit() and len(venue.pivot) == 14 else None
    summary = re.sub(r"\s+", " ", place.summary).strip()
    website = venue.website if venue.website.startswith(("http://", "https://")) else None
    return {
        "source": opendata.source_name(),
        "id": f"{opendata.source_name()}--numerique-{venue.key}",
        "nom": rights_export._name(venue.name),
        "description": summary if len(summary) >= 5 else None,
        "date_maj": timezone.localdate(place.updated_at).isoformat(),
        "siret": siret,
        "rna": None,
        **_address(venue),
        "telephone": opendata.phone_e164(venue.phone),
        "courriel": venue.email or None,
        "site_web": website,
        "horaires_accueil": venue.opening_hours or None,
        "accessibilite_lieu": None,
        "reseaux_porteurs": [],
        "lien_source": settings.SITE_URL + venue.url,
    }


def _structures(places: list[DigitalPlace]) -> dict[int, dict]:
    """Each place's structure record, as the other exports publish it when they do."""
    rights_places = [p.rights_place for p in places if p.rights_place_id]
    # The associations of both kinds of place in one query.
    published = rights_export.published_structures(
        {p.association_id for p in [*rights_places, *places] if p.association_id}
    )
    by_rights_place = rights_export.structures_by_place(rights_places, published)
    found = {}
    for place in places:
        if place.rights_place_id:
            found[place.pk] = by_rights_place[place.rights_place_id]
        else:
            found[place.pk] = published.get(place.association_id) or venue_structure(place, venues.venue(place))
    return found


def _publics(place: DigitalPlace) -> tuple[list[str], str | None]:
    codes = sorted({PUBLICS[code] for code in place.publics if code in PUBLICS})
    if DISABILITY.intersection(place.support):
        codes.append("personnes-en-situation-de-handicap")
    labels = place.support_labels()
    precisions = ", ".join(labels) if labels else None
    return (codes or ["tous-publics"]), precisions


def _kinds(place: DigitalPlace) -> list[tuple[str, str, str, list[str], str]]:
    """(id suffix, name, type, thématiques, description) of each kind of help the place gives."""
    kinds = []
    free = [
        label
        for flag, label in (
            (place.free_computers, "ordinateurs en accès libre"),
            (place.free_wifi, "wifi gratuit"),
            (place.printing, "impression et scan"),
        )
        if flag
    ]
    if free:
        themes = [INTERNET] + ([ONLINE] if place.printing else [])
        description = "Sur place : " + ", ".join(free) + ". On y vient seul·e, aux horaires d'ouverture."
        kinds.append(("acces-libre", "Accès libre au numérique", "aide-materielle", themes, description))
    if place.online_procedures:
        description = "Une personne vous aide à faire vos démarches en ligne (CAF, impôts, santé, emploi…)."
        if place.aidants_connect:
            description += (
                " Lieu habilité Aidants Connect : un·e aidant·e peut faire la démarche à votre place, "
                "avec votre accord écrit."
            )
        kinds.append(("demarches", "Aide aux démarches en ligne", "accompagnement", [ONLINE], description))
    if place.beginner_workshops:
        description = "Des ateliers en petit groupe pour débuter : allumer un ordinateur, internet, e-mail, téléphone."
        kinds.append(("ateliers", "Ateliers numériques pour débutants", "atelier", [BASICS], description))
    return kinds


def services_of(place: DigitalPlace, structure_id: str, *, bookable: bool) -> list[dict]:
    venue = venues.venue(place)
    page = settings.SITE_URL + place.get_absolute_url()
    publics, precisions = _publics(place)
    phone = opendata.phone_e164(venue.phone)
    modes = ["se-presenter"]
    modes += ["telephoner"] if phone else []
    modes += ["envoyer-un-courriel"] if venue.email else []
    appointment = "Rendez-vous en ligne avec un·e conseiller·e numérique."
    rows = []
    for suffix, name, kind, themes, description in _kinds(place):
        booking = bookable and kind == "accompagnement"
        rows.append(
            {
                "source": opendata.source_name(),
                "structure_id": structure_id,
                "id": f"{opendata.source_name()}--numerique-{place.pk}-{suffix}",
                "nom": rights_export._name(f"{name} — {venue.name}"),
                "description": description,
                "lien_source": page,
                "date_maj": timezone.localdate(place.updated_at).isoformat(),
                "type": kind,
                "thematiques": themes,
                "frais": "payant" if place.fee == Fee.PAID else "gratuit",
                "frais_precisions": "Gratuit sous condition." if place.fee == Fee.FREE_UNDER_CONDITIONS else None,
                "publics": publics,
                "publics_precisions": precisions,
                "conditions_acces": None,
                **_address(venue),
                "telephone": phone,
                "courriel": venue.email or None,
                "modes_accueil": ["en-presentiel"],
                "zone_eligibilite": [settings.TOWN_INSEE_CODE],
                "contact_nom_prenom": None,
                "lien_mobilisation": page + "#rendez-vous" if booking else None,
                "modes_mobilisation": modes + (["utiliser-lien-mobilisation"] if booking else []),
                "mobilisable_par": ["usagers", "professionnels"],
                "mobilisation_precisions": appointment if booking else None,
                "volume_horaire_hebdomadaire": None,
                "nombre_semaines": None,
                "horaires_accueil": place.opening_hours or venue.opening_hours or None,
            }
        )
    return rows


def _places() -> list[DigitalPlace]:
    return list(DigitalPlace.objects.public().select_related(*venues.RELATED).order_by("pk"))


def services() -> list[dict]:
    places = _places()
    structures = _structures(places)
    bookable = search.with_permanences(places)
    rows = []
    for place in places:
        rows += services_of(place, structures[place.pk]["id"], bookable=place.pk in bookable)
    return rows


def structures() -> list[dict]:
    """The structures of the public places, each once (a structure may hold several places)."""
    rows, seen = [], set()
    for row in _structures(_places()).values():
        if row["id"] not in seen:
            seen.add(row["id"])
            rows.append(row)
    return rows


def services_json(request):
    return rights_export._json(services())


def structures_json(request):
    return rights_export._json(structures())
