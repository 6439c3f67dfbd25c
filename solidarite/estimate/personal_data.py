"""What the estimate holds about a person (RGPD): only the estimates they chose to save."""

from solidarite.accounts.personal_data import PersonalDataHandler


def export(user):
    from solidarite.estimate.models import SavedEstimate

    return {
        "estimations_enregistrees": [
            {"enregistree_le": row.created_at.isoformat(), "mois": row.month, "openfisca_france": row.legislation,
             "reponses": row.answers, "montants": row.amounts}
            for row in SavedEstimate.objects.filter(user=user).order_by("created_at", "pk")
        ]
    }


def erase(user):
    from solidarite.estimate.models import SavedEstimate

    SavedEstimate.objects.filter(user=user).delete()


def handler() -> PersonalDataHandler:
    from solidarite.estimate.models import SavedEstimate

    return PersonalDataHandler(label="estimation_des_droits", models=(SavedEstimate,), export=export, erase=erase,
                               order=55)
