"""Granted money support as SCDL « subventions » 2.1.1 rows (schema.data.gouv.fr/scdl/subventions).

One row per money grant. ``idAttribuant`` is settings.TOWN_SIRET (required: checked by a system
check and by the view); the beneficiary is identified by its SIRET when it has a valid one, else by
its RNA number (the schema requires one of the two, and ``services.grant`` refuses money support to
an association with neither). Each grant has a single beneficiary, so ``pourcentageSubvention`` is 1.
"""

import re

from django.conf import settings
from stdnum.fr import siret as siret_number

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
RNA_PATTERN = re.compile(r"^W\d{9}$")
OBJECT_MAX = 255  # the schema wants fewer than 256 characters


def town_siret_is_valid() -> bool:
    return siret_number.is_valid(settings.TOWN_SIRET or "")


def beneficiary_ids(association) -> tuple[str, str]:
    siret = siret_number.compact(association.siret or "")
    siret = siret if siret_number.is_valid(siret) else ""
    rna = (association.rna or "").strip().upper()
    rna = rna if RNA_PATTERN.match(rna) else ""
    return siret, rna


def published_grants():
    return (
        Grant.objects.filter(nature=Grant.Nature.MONEY, amount__gt=0)
        .select_related("request", "request__association", "envelope")
        .order_by("decision_date", "pk")
    )


def rows():
    town = f"Commune de {settings.TOWN_NAME}"
    for grant in published_grants():
        association = grant.request.association
        siret, rna = beneficiary_ids(association)
        if not (siret or rna):
            continue  # never published half-identified; grant() prevents this case
        yield {
            "nomAttribuant": town,
            "idAttribuant": settings.TOWN_SIRET,
            "dateConvention": grant.decision_date.isoformat(),
            "referenceDecision": grant.decision_reference,
            "nomBeneficiaire": association.name,
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
