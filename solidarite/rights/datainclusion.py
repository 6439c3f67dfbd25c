"""The town's aids as data·inclusion v1 ``Service`` records, linked to ``Structure`` records.

Only the town's own aids are published (Ville, CCAS, associations: ``Institution.local``), each through the
point d'accueil that delivers it (``Aid.provider``): national or CAF aids belong to their institutions'
own publications, and data·inclusion would receive them twice. A provider run by an association is that
association's structure, with the directory export's id and record; the others (mairie, CCAS…) are
structures of their own. ``tests/rights/test_datainclusion.py`` validates both lists with the schema's
own pydantic models (package data-inclusion-schema).
"""

import re

from django.conf import settings
from django.db.models import Prefetch
from django.http import JsonResponse
from django.utils import timezone

from associations.directory import opendata
from associations.directory.models import Association
from associations.directory.tagging import attach_tags
from solidarite.rights.models import Aid, AidPublic, AidTheme, Place
from solidarite.rights.vocabulary import DATA_INCLUSION_PUBLICS, Institution, Public

NAME_MAX = 150


def _name(text: str) -> str:
    return text.strip().rstrip(".").strip()[:NAME_MAX].rstrip(".").strip()


def _departement() -> str:
    code = settings.TOWN_INSEE_CODE
    return code[:3] if code.startswith("97") else code[:2]


def zone(aid: Aid) -> list[str]:
    if aid.institution in (Institution.STATE, Institution.HEALTH_INSURANCE):
        return ["france"]
    if aid.institution in (Institution.DEPARTEMENT, Institution.CAF):
        return [_departement()]
    if aid.institution == Institution.METROPOLE:
        return [settings.TOWN_EPCI_SIREN]
    return [settings.TOWN_INSEE_CODE]


def place_structure(place: Place) -> dict:
    """A point d'accueil of the town (mairie, CCAS…) as a data·inclusion structure."""
    in_town = place.postal_code in ("", settings.TOWN_POSTAL_CODE) and place.city in ("", settings.TOWN_NAME)
    description = re.sub(r"\s+", " ", place.description).strip() or None
    return {
        "source": opendata.source_name(),
        "id": f"{opendata.source_name()}--accueil-{place.slug}",
        "nom": _name(place.name),
        "description": description if description and len(description) >= 5 else None,
        "date_maj": timezone.localdate(place.updated_at).isoformat(),
        "siret": None,
        "rna": None,
        "commune": place.city or settings.TOWN_NAME,
        "code_postal": place.postal_code or settings.TOWN_POSTAL_CODE,
        "code_insee": settings.TOWN_INSEE_CODE if in_town else None,
        "adresse": place.address or None,
        "complement_adresse": None,
        "longitude": place.longitude,
        "latitude": place.latitude,
        "telephone": opendata.phone_e164(place.phone),
        "courriel": place.email or None,
        "site_web": place.website or None,
        "horaires_accueil": place.opening_hours or None,
        "accessibilite_lieu": None,
        "reseaux_porteurs": [],
        "lien_source": settings.SITE_URL + place.get_absolute_url(),
    }


def exported_aids():
    return (
        Aid.objects.published()
        .filter(institution__in=Institution.local(), provider__is_published=True)
        .select_related("provider", "provider__association")
        .prefetch_related(
            Prefetch("themes", queryset=AidTheme.objects.order_by("code")),
            Prefetch("publics", queryset=AidPublic.objects.order_by("code")),
        )
        .order_by("pk")
    )


def _publics(aid: Aid) -> list[str] | None:
    codes = {DATA_INCLUSION_PUBLICS[code] for code in aid.public_codes if code in DATA_INCLUSION_PUBLICS}
    codes.discard(None)
    if "tous-publics" in codes:
        return ["tous-publics"]
    return sorted(codes) or None


def service(aid: Aid, structure_id: str) -> dict:
    place = aid.provider
    description = aid.summary.strip()
    modes_mobilisation = []
    if aid.apply_online_url:
        modes_mobilisation.append("utiliser-lien-mobilisation")
    phone = opendata.phone_e164(aid.phone) or opendata.phone_e164(place.phone)
    if phone:
        modes_mobilisation.append("telephoner")
    if aid.apply_at_place or not modes_mobilisation:
        modes_mobilisation.append("se-presenter")
    labels = aid.public_labels()
    return {
        "source": opendata.source_name(),
        "structure_id": structure_id,
        "id": f"{opendata.source_name()}--dispositif-{aid.slug}",
        "nom": _name(aid.title),
        "description": description,
        "lien_source": settings.SITE_URL + aid.get_absolute_url(),
        "date_maj": timezone.localdate(aid.updated_at).isoformat(),
        "type": aid.kind,
        "thematiques": aid.theme_codes,
        "frais": "gratuit",
        "frais_precisions": None,
        "publics": _publics(aid),
        "publics_precisions": ", ".join(labels) if labels and Public.ALL not in aid.public_codes else None,
        "conditions_acces": "\n".join(aid.eligibility_lines()) or None,
        "commune": place.city or settings.TOWN_NAME,
        "code_postal": place.postal_code or settings.TOWN_POSTAL_CODE,
        "code_insee": settings.TOWN_INSEE_CODE,
        "adresse": place.address or None,
        "complement_adresse": None,
        "longitude": place.longitude,
        "latitude": place.latitude,
        "telephone": phone,
        "courriel": place.email or None,
        "modes_accueil": ["a-distance", "en-presentiel"] if aid.apply_online_url else ["en-presentiel"],
        "zone_eligibilite": zone(aid),
        "contact_nom_prenom": None,
        "lien_mobilisation": aid.apply_online_url or None,
        "modes_mobilisation": modes_mobilisation,
        "mobilisable_par": ["usagers", "professionnels"],
        "mobilisation_precisions": aid.how_to_apply.strip() or None,
        "volume_horaire_hebdomadaire": None,
        "nombre_semaines": None,
        "horaires_accueil": place.opening_hours or None,
    }


def published_structures(association_ids) -> dict[int, dict]:
    """The structure record of each listed, verified association among ``association_ids``, as the directory
    publishes it (same id, so the hubs merge them). One query for every export that needs them."""
    associations = attach_tags(
        Association.objects.listed()
        .filter(status=Association.Status.VERIFIED, pk__in=list(association_ids))
        .order_by("pk"),
        Association,
    )
    return {association.pk: opendata.structure(association) for association in associations}


def structures_by_place(places, published: dict | None = None) -> dict[int, dict]:
    """Each place's structure record: its association's (``published``, read here if not given), or, for
    the town's own places and associations the directory cannot publish yet, the place itself."""
    places = list(places)
    if published is None:
        published = published_structures({p.association_id for p in places if p.association_id})
    return {place.pk: published.get(place.association_id) or place_structure(place) for place in places}


def services() -> list[dict]:
    aids = list(exported_aids())
    by_place = structures_by_place({aid.provider for aid in aids})
    return [service(aid, by_place[aid.provider_id]["id"]) for aid in aids]


def structures() -> list[dict]:
    """Every published point d'accueil as a structure (those that deliver none of the exported aids are
    where people get help too), each association once."""
    rows, seen = [], set()
    for row in structures_by_place(Place.objects.published().order_by("pk")).values():
        if row["id"] not in seen:
            seen.add(row["id"])
            rows.append(row)
    return rows


def _json(data) -> JsonResponse:
    response = JsonResponse(data, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def services_json(request):
    return _json(services())


def structures_json(request):
    return _json(structures())
