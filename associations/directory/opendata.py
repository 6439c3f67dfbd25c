"""The directory in the data·inclusion v1 "structure" schema (JSON and CSV), for the regional and national hubs.

Only verified, listed pages are published: data·inclusion relays what it receives to social workers.
"""

import csv
import io
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.utils.text import slugify

from associations.directory.models import Association
from associations.directory.tagging import attach_tags
from solidarite.contact import phone_e164, validate_email_address, validate_postal_code, validate_web_address

FIELDS = [
    "source",
    "id",
    "nom",
    "description",
    "date_maj",
    "siret",
    "rna",
    "commune",
    "code_postal",
    "code_insee",
    "adresse",
    "complement_adresse",
    "longitude",
    "latitude",
    "telephone",
    "courriel",
    "site_web",
    "horaires_accueil",
    "accessibilite_lieu",
    "reseaux_porteurs",
    "lien_source",
]
NAME_MAX = 150
DESCRIPTION_MIN, DESCRIPTION_MAX = 50, 2000


def source_name() -> str:
    return slugify(f"solidarite-{settings.TOWN_NAME}")


def _checked(value: str, *validators) -> str | None:
    """The value, or None when a rule of ``solidarite.contact`` refuses it: the forms and the API refuse such
    values, but a row written before those rules (or by a bulk import) must not make the whole file invalid."""
    if not value:
        return None
    try:
        for validator in validators:
            validator(value)
    except ValidationError:
        return None
    return value


def _description(association, tag_names) -> str:
    text = re.sub(r"\s+", " ", association.purpose).strip()
    if len(text) < DESCRIPTION_MIN:
        # Short purposes are completed with facts the page holds, so the hubs do not drop the structure.
        extras = [
            f"Association de {association.city or settings.TOWN_NAME}, présente dans l'annuaire des associations "
            f"de {settings.TOWN_NAME}"
        ]
        if tag_names:
            extras.append("thèmes : " + ", ".join(tag_names))
        if association.accepts_volunteers:
            extras.append("accueille des bénévoles")
        text = f"{text} — {' ; '.join(extras)}." if text else " ; ".join(extras) + "."
    if len(text) > DESCRIPTION_MAX:
        text = text[: DESCRIPTION_MAX - 1].rstrip() + "…"
    return text


def structure(association) -> dict | None:
    """One association as a data·inclusion structure, or None when it cannot satisfy the schema."""
    tag_names = [tag.name for tag in association.tag_list]
    name = association.name.strip().rstrip(".").strip()[:NAME_MAX].rstrip(".")
    description = _description(association, tag_names)
    if len(name) < 3 or len(description) < DESCRIPTION_MIN:
        return None
    in_town = association.postal_code == settings.TOWN_POSTAL_CODE or not association.city
    return {
        "source": source_name(),
        "id": f"{source_name()}--{association.pk}",
        "nom": name,
        "description": description,
        "date_maj": association.updated_at.date().isoformat(),
        "siret": association.siret or None,
        "rna": association.rna or None,
        "commune": association.city or settings.TOWN_NAME,
        "code_postal": _checked(association.postal_code, validate_postal_code),
        "code_insee": settings.TOWN_INSEE_CODE if in_town else None,
        "adresse": association.address or None,
        "complement_adresse": None,
        "longitude": association.longitude,
        "latitude": association.latitude,
        "telephone": phone_e164(association.phone),
        "courriel": _checked(association.email, validate_email_address),
        "site_web": _checked(association.website, validate_web_address),
        "horaires_accueil": association.opening_hours or None,
        # Our accessibility field is free text; the schema wants an acceslibre link, which we do not hold.
        "accessibilite_lieu": None,
        "reseaux_porteurs": [],
        "lien_source": settings.SITE_URL + association.get_absolute_url(),
    }


def structures() -> list[dict]:
    qs = Association.objects.listed().filter(status=Association.Status.VERIFIED).order_by("pk")
    return [row for row in map(structure, attach_tags(qs, Association)) if row is not None]


def structures_json(request):
    response = JsonResponse(structures(), safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def structures_csv(request):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in structures():
        writer.writerow(
            {
                **{key: "" if value is None else value for key, value in row.items()},
                "reseaux_porteurs": "|".join(row["reseaux_porteurs"]),
            }
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="structures.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
