"""Granted money support as SCDL « subventions » 2.1.1 rows (schema.data.gouv.fr/scdl/subventions).

One row per money grant. ``idAttribuant`` is settings.TOWN_SIRET (required: without a valid one the view
answers 503 and says whether it is missing or why it is invalid). The beneficiary is named and identified
as it was at the decision (``Grant.beneficiary_*``, recorded by ``services.grant``): by its SIRET when it
had a valid one, else by its RNA number (the schema requires one of the two, and ``services.grant`` refuses
money support to an association with neither). Each grant has a single beneficiary, so
``pourcentageSubvention`` is 1.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.fr import siret as siret_number

from associations.directory.validators import normalize_rna, validate_siret
from associations.support.models import Grant

COLUMNS = [
    "nomAttribuant",
    "idAttribuant",
    "dateConvention",
    "referenceDecision",
    "nomBeneficiaire",
    "idBeneficiaire",
    "rnaBeneficiaire",
    "objet",
    "montant",
    "nature",
    "conditionsVersement",
    "datesPeriodeVersement",
    "idRAE",
    "notificationUE",
    "pourcentageSubvention",
    "dispositifAide",
]
RNA_PATTERN = re.compile(r"^W[0-9]{9}$")
OBJECT_MAX = 255  # the schema wants fewer than 256 characters


def town_siret_problem() -> str | None:
    """Why the town's SIRET cannot be published (missing, or which rule it breaks), or None when it can."""
    value = (settings.TOWN_SIRET or "").strip()
    if not value:
        return _(
            "Ces données ne sont pas encore publiées : le SIRET de la commune n'est pas renseigné "
            "(réglage TOWN_SIRET, 14 chiffres, sur l'avis de situation Insee de la commune)."
        )
    try:
        validate_siret(value)
    except ValidationError as error:
        return _(
            "Ces données ne sont pas publiées : le SIRET de la commune (réglage TOWN_SIRET) est invalide. %(why)s"
        ) % {"why": " ".join(error.messages)}
    return None


def beneficiary_ids(siret: str, rna: str) -> tuple[str, str]:
    siret = siret_number.compact(siret or "")
    siret = siret if siret_number.is_valid(siret) else ""
    rna = normalize_rna(rna)
    rna = rna if RNA_PATTERN.match(rna) else ""
    return siret, rna


def published_grants():
    return (
        Grant.objects.filter(nature=Grant.Nature.MONEY, amount__gt=0)
        .select_related("request", "envelope")
        .order_by("decision_date", "pk")
    )


def rows():
    town = f"Commune de {settings.TOWN_NAME}"
    for grant in published_grants():
        siret, rna = beneficiary_ids(grant.beneficiary_siret, grant.beneficiary_rna)
        if not (siret or rna):
            continue  # never published half-identified; grant() prevents this case
        yield {
            "nomAttribuant": town,
            "idAttribuant": settings.TOWN_SIRET,
            "dateConvention": grant.decision_date.isoformat(),
            "referenceDecision": grant.decision_reference,
            "nomBeneficiaire": grant.beneficiary_name,
            "idBeneficiaire": siret,
            "rnaBeneficiaire": rna,
            "objet": " ".join(grant.request.title.split())[:OBJECT_MAX],
            "montant": f"{grant.amount:.2f}",
            "nature": "aide en numéraire",
            "conditionsVersement": grant.payment_conditions_label[:OBJECT_MAX],
            "datesPeriodeVersement": grant.payment_period or grant.decision_date.isoformat(),
            "idRAE": "",
            "notificationUE": "non",
            "pourcentageSubvention": "1.00",
            "dispositifAide": grant.envelope.dispositif_aide if grant.envelope_id else "",
        }
