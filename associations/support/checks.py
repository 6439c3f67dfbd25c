from django.core.checks import Warning as CheckWarning

from associations.support import opendata


def town_siret(app_configs, **kwargs):
    if opendata.town_siret_is_valid():
        return []
    return [
        CheckWarning(
            "TOWN_SIRET is missing or not a valid SIRET: /donnees/subventions.csv answers 503 until it is set.",
            hint="Set TOWN_SIRET to the commune's 14-digit SIRET (annuaire-entreprises.data.gouv.fr).",
            id="support.W001",
        )
    ]
