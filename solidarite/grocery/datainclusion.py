"""The épiceries sociales as data·inclusion v1 ``Service`` records, each with its ``Structure``.

Access is by orientation only: ``mobilisable_par`` is the professionals (a CCAS, the Département, a
partner association orients; a household cannot sign itself up), and the modes are to call or to come
to the épicerie to be told whom to see. Thematique: ``equipement-et-alimentation--alimentation`` (the
schema v1 installed has no ``gestion-financiere--obtenir-une-aide-alimentaire``). Validated in
``tests/grocery/test_datainclusion.py`` with the schema's own pydantic models (data-inclusion-schema),
as ``solidarite/rights/datainclusion.py`` does for the town's aids.
"""

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone

from associations.directory import opendata
from solidarite.grocery.models import Grocery

THEME = "equipement-et-alimentation--alimentation"


def _base(grocery: Grocery) -> dict:
    return {
        "source": opendata.source_name(),
        "commune": settings.TOWN_NAME,
        "code_postal": settings.TOWN_POSTAL_CODE,
        "code_insee": settings.TOWN_INSEE_CODE,
        "adresse": grocery.address or None,
        "complement_adresse": None,
        "longitude": float(grocery.longitude) if grocery.longitude is not None else None,
        "latitude": float(grocery.latitude) if grocery.latitude is not None else None,
        "telephone": opendata.phone_e164(grocery.phone),
        "courriel": grocery.email or None,
        "horaires_accueil": grocery.opening_hours or None,
        "lien_source": settings.SITE_URL + grocery.get_absolute_url(),
        "date_maj": timezone.localdate(grocery.created_at).isoformat(),
    }


def structure(grocery: Grocery) -> dict:
    return {
        **_base(grocery),
        "id": f"{opendata.source_name()}--epicerie-{grocery.slug}",
        "nom": grocery.name[:150],
        "description": (grocery.description.strip() or None) if len(grocery.description.strip()) >= 5 else None,
        "siret": None,
        "rna": None,
        "site_web": None,
        "accessibilite_lieu": None,
        "reseaux_porteurs": [],
    }


def service(grocery: Grocery) -> dict:
    modes = ["telephoner", "se-presenter"] if opendata.phone_e164(grocery.phone) else ["se-presenter"]
    return {
        **_base(grocery),
        "structure_id": structure(grocery)["id"],
        "id": f"{opendata.source_name()}--epicerie-{grocery.slug}-acces",
        "nom": f"Épicerie sociale — {grocery.name}"[:150],
        "description": (
            "Produits alimentaires et d'hygiène à petit prix, choisis par le foyer, avec un montant mensuel. "
            f"Gérée par {grocery.run_by}. Accès sur orientation d'un·e travailleur·se social·e ; le foyer "
            "réserve ses créneaux et passe en caisse avec un code, sans donner son nom."
        ),
        "type": "aide-materielle",
        "thematiques": [THEME],
        "frais": "payant",
        "frais_precisions": "Une petite participation, selon le montant mensuel accordé par la structure qui oriente.",
        "publics": ["tous-publics"],
        "publics_precisions": "Foyers orientés par le CCAS, le Département ou une association partenaire.",
        "conditions_acces": "Être orienté·e par un·e travailleur·se social·e "
        "(CCAS, Département, association partenaire).",
        "modes_accueil": ["en-presentiel"],
        "zone_eligibilite": [settings.TOWN_INSEE_CODE],
        "contact_nom_prenom": None,
        "lien_mobilisation": None,
        "modes_mobilisation": modes,
        "mobilisable_par": ["professionnels"],
        "mobilisation_precisions": "La personne qui oriente enregistre sa décision et remet au foyer son code d'accès.",
        "volume_horaire_hebdomadaire": None,
        "nombre_semaines": None,
    }


def services_json(request):
    rows = [service(g) for g in Grocery.objects.filter(is_active=True).order_by("pk")]
    response = JsonResponse(rows, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def structures_json(request):
    rows = [structure(g) for g in Grocery.objects.filter(is_active=True).order_by("pk")]
    response = JsonResponse(rows, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
