"""What the estimate holds about a person (RGPD): only the estimates they chose to save."""

from solidarite.accounts.personal_data import PersonalDataHandler


def export(user):
    from solidarite.estimate.models import Claim, EstimateShare, SavedEstimate

    return {
        "demarches": [
            {
                "aide": row.aid_code,
                "etat": row.status,
                "montant_estime": str(row.amount),
                "etapes": list(row.log.order_by("at", "pk").values("name", "from_state", "to_state", "at")),
            }
            for row in Claim.objects.filter(user=user).order_by("pk")
        ],
        "estimations_enregistrees": [
            {
                "enregistree_le": row.created_at.isoformat(),
                "mois": row.month,
                "openfisca_france": row.legislation,
                "reponses": row.answers,
                "montants": row.amounts,
            }
            for row in SavedEstimate.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "partages": [
            {
                "estimation_du": row.estimate.created_at.isoformat(),
                "permanence": row.appointment.permanence.title,
                "rendez_vous": row.appointment.start.isoformat(),
                "partagee_le": row.created_at.isoformat(),
            }
            for row in EstimateShare.objects.filter(estimate__user=user)
            .select_related("estimate", "appointment__permanence")
            .order_by("pk")
        ],
    }


def erase(user):
    from solidarite.estimate.models import Claim, SavedEstimate

    Claim.objects.filter(user=user).delete()
    SavedEstimate.objects.filter(user=user).delete()  # and their shares (cascade)


def handler() -> PersonalDataHandler:
    from solidarite.estimate.models import Claim, ClaimLog, EstimateShare, SavedEstimate

    return PersonalDataHandler(
        label="estimation_des_droits",
        models=(SavedEstimate, Claim, ClaimLog, EstimateShare),
        export=export,
        erase=erase,
        order=55,
    )
