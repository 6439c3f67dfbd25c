"""The national data standard of places of digital help (« lieux de médiation numérique », LaMednum,
ANCT and Datactivist, v1.0.2, https://schema.data.gouv.fr/LaMednum/standard-mediation-num/): one row
per public place, as JSON (a list of objects) and as the standard's CSV (its columns, in its order).

Multi-valued fields are the standard's values joined by ``|``; hours stay in OpenStreetMap syntax,
which the standard asks for (pages show them in words). A place is exported only with a « pivot »
(SIRET or RNA), which the standard requires: its own, else its association's or shop's, else the
town's (``TOWN_SIRET``) for its rooms and the points d'accueil no association runs; the others are
counted, not sent.
The tests validate both files against the standard's schema, shipped in ``tests/digital/fixtures``.
"""

import csv
import io

from django.conf import settings
from django.utils import timezone

from solidarite.contact import phone_e164
from solidarite.digital import search, venues
from solidarite.digital.models import DigitalPlace, Fee, Public, Support

VERSION = "1.0.2"

FIELDS = [
    "id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse", "latitude",
    "longitude", "typologie", "telephone", "courriels", "site_web", "horaires", "presentation_resume",
    "presentation_detail", "source", "itinerance", "structure_parente", "date_maj", "services",
    "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge",
    "dispositif_programmes_nationaux", "formations_labels", "autres_formations_labels", "modalites_acces",
    "modalites_accompagnement", "fiche_acces_libre", "prise_rdv",
]  # fmt: skip

PUBLICS = {
    Public.YOUNG: "Jeunes",
    Public.STUDENTS: "Étudiants",
    Public.FAMILIES: "Familles et/ou enfants",
    Public.SENIORS: "Seniors",
    Public.WOMEN: "Femmes",
}
SUPPORT = {
    Support.DEAF: "Surdité",
    Support.MOTOR: "Handicaps moteurs",
    Support.MENTAL: "Handicaps mentaux",
    Support.ILLITERACY: "Illettrisme",
    Support.ENGLISH: "Langues étrangères (anglais)",
    Support.OTHER_LANGUAGES: "Langues étrangères (autres)",
    Support.SIGHT: "Déficience visuelle",
}
FEES = {Fee.FREE: "Gratuit", Fee.FREE_UNDER_CONDITIONS: "Gratuit sous condition", Fee.PAID: "Payant"}


def pivot(place: DigitalPlace, venue: venues.Venue) -> str:
    if place.pivot or venue.pivot:
        return place.pivot or venue.pivot
    # The town's rooms, and the points d'accueil no association runs (mairie, CCAS, médiathèque…); a place
    # run by another structure (a CCAS with its own SIRET, a département office) is given its pivot by staff.
    if venue.kind == "room" or (venue.kind == "rights_place" and not venue.obj.association_id):
        return settings.TOWN_SIRET
    return ""


def _services(place) -> list[str]:
    found = []
    if place.online_procedures:
        found.append("Aide aux démarches administratives")
    if place.beginner_workshops:
        found.append("Maîtrise des outils numériques du quotidien")
    if place.free_computers or place.free_wifi or place.printing:
        found.append("Accès internet et matériel informatique")
    return found


def row(place: DigitalPlace, venue: venues.Venue, *, bookable: bool, site_url: str) -> dict:
    """One place as the standard's fields; an empty optional field is left out (JSON) or blank (CSV)."""
    programmes = (["Aidants Connect"] if place.aidants_connect else []) + (
        ["Conseillers numériques"] if place.conseiller_numerique else []
    )
    access = ["Se présenter"] if (place.opening_hours or venue.opening_hours) else []
    access += ["Téléphoner"] if venue.phone else []
    access += ["Contacter par mail"] if venue.email else []
    access += ["Prendre un RDV en ligne"] if bookable else []
    accompaniment = ["En autonomie"] if (place.free_computers or place.free_wifi or place.printing) else []
    accompaniment += ["Accompagnement individuel"] if (place.online_procedures or bookable) else []
    accompaniment += ["Dans un atelier collectif"] if place.beginner_workshops else []
    phone = phone_e164(venue.phone) if venue.phone else None
    data = {
        "id": f"{settings.TOWN_INSEE_CODE}-numerique-{place.pk}",
        "pivot": pivot(place, venue),
        "nom": venue.name,
        "commune": venue.city,
        "code_postal": venue.postal_code,
        "code_insee": settings.TOWN_INSEE_CODE if venue.postal_code == settings.TOWN_POSTAL_CODE else "",
        "adresse": venue.address,
        "latitude": venue.latitude,
        "longitude": venue.longitude,
        "typologie": venue.typologie,
        "telephone": phone if phone and phone.startswith("+33") else "",
        "courriels": venue.email,
        "site_web": site_url + place.get_absolute_url(),
        "horaires": place.opening_hours or venue.opening_hours,
        "presentation_resume": place.summary,
        "source": settings.TOWN_NAME,
        "itinerance": "Fixe",
        "date_maj": timezone.localdate(place.updated_at).isoformat(),
        "services": "|".join(_services(place)),
        "publics_specifiquement_adresses": "|".join(PUBLICS[c] for c in Public.values if c in place.publics),
        "prise_en_charge_specifique": "|".join(SUPPORT[c] for c in Support.values if c in place.support),
        "frais_a_charge": FEES[place.fee],
        "dispositif_programmes_nationaux": "|".join(programmes),
        "modalites_acces": "|".join(access),
        "modalites_accompagnement": "|".join(accompaniment),
        "prise_rdv": site_url + place.get_absolute_url() + "#rendez-vous" if bookable else "",
    }
    return {name: data[name] for name in FIELDS if data.get(name) not in (None, "")}


def rows(site_url: str) -> tuple[list[dict], int]:
    """(rows, places left out for want of a pivot), in the order of their identifiers."""
    out, left_out = [], 0
    places = DigitalPlace.objects.public().select_related(*venues.RELATED).order_by("pk")
    bookable = search.with_permanences(places)
    for place in places:
        venue = venues.venue(place)
        data = row(place, venue, bookable=place.pk in bookable, site_url=site_url)
        if "pivot" in data:
            out.append(data)
        else:
            left_out += 1
    return out, left_out


def to_csv(found: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writeheader()
    for data in found:
        writer.writerow({name: data.get(name, "") for name in FIELDS})
    return buffer.getvalue()
