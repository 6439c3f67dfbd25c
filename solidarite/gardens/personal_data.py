"""What the gardens hold about a person (RGPD), for export and erase.

Erasing a person ends what they had running: they leave every waiting list (a plot offered to them goes
to the next applicant), their plots are freed and offered in turn, their applications and follows go;
allocations keep their figures without the person; announcements and log rows lose their name.
"""

from django.db import transaction
from django.utils import timezone

from solidarite.accounts.personal_data import PersonalDataHandler


def export(user):
    from solidarite.gardens.models import Allocation, Application, Follow, Ripeness

    return {
        "listes_d_attente": [
            {
                "jardin": a.garden.name,
                "quartier": a.quartier.name if a.quartier else None,
                "besoin_parcelle_accessible": a.wants_accessible,
                "etat": a.status,
                "accord_donne_le": a.consent_at.isoformat(),
                "inscrit_le": a.created_at.isoformat(),
                "rang_depuis_le": a.queued_at.isoformat(),
                "propositions": [
                    {
                        "parcelle": o.plot.number,
                        "le": o.created_at.isoformat(),
                        "avant_le": o.deadline.isoformat(),
                        "etat": o.status,
                    }
                    for o in a.offers.select_related("plot").order_by("created_at")
                ],
            }
            for a in Application.objects.filter(person=user).select_related("garden", "quartier").order_by("created_at")
        ],
        "parcelles": [
            {
                "jardin": al.plot.garden.name,
                "parcelle": al.plot.number,
                "saison": al.season,
                "redevance_centimes": al.fee,
                "convention_signee_le": al.agreement_signed_on.isoformat() if al.agreement_signed_on else None,
                "fin": al.ended_at.isoformat() if al.ended_at else None,
            }
            for al in Allocation.objects.filter(person=user).select_related("plot__garden")
        ],
        "vergers_suivis": list(Follow.objects.filter(person=user).values_list("orchard__name", flat=True)),
        "fruits_annonces": [
            {"verger": r.orchard.name, "fruits": r.fruit, "le": r.at.isoformat()}
            for r in Ripeness.objects.filter(by=user).select_related("orchard")
        ],
    }


def erase(user):
    from solidarite.gardens import offers, waiting
    from solidarite.gardens.models import Allocation, Application, Follow, OfferLog, Plot, Ripeness
    from solidarite.gardens.workflow import PLOT

    waiting.withdraw_all(user)
    for allocation in Allocation.objects.filter(person=user, ended_at__isnull=True).select_related("plot"):
        with transaction.atomic():
            plot = Plot.objects.select_for_update().get(pk=allocation.plot_id)
            Allocation.objects.filter(pk=allocation.pk).update(ended_at=timezone.now())
            if plot.status == Plot.Status.ALLOCATED:
                PLOT.move(plot, "free", by=None)
                offers._offer_next(plot, timezone.now())
    Allocation.objects.filter(person=user).update(person=None)
    Application.objects.filter(person=user).delete()
    Follow.objects.filter(person=user).delete()
    Ripeness.objects.filter(by=user).update(by=None)
    OfferLog.objects.filter(by=user).update(by=None)


def handler() -> PersonalDataHandler:
    from solidarite.gardens.models import Allocation, Application, Follow, OfferLog, Ripeness

    return PersonalDataHandler(
        label="jardins_partages",
        models=(Allocation, Application, Follow, OfferLog, Ripeness),
        export=export,
        erase=erase,
        order=55,
    )
