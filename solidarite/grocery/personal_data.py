"""What the épicerie holds about a person (RGPD), for export and erase.

A household is pseudonymous: it points to a person only when it chose to link an account. Erasing
that person unlinks the household and clears the contact it gave (the right itself stays with its
code and the quartier it gave, as the CCAS recorded them, until the purge). Prescribers, managers and
till volunteers hold their roles; on erase they leave them, and the orientations, log rows and visits
they recorded lose their name and stay.
"""

from solidarite.accounts.personal_data import PersonalDataHandler


def export(user):
    from solidarite.grocery.models import Grocery, Household, Prescriber

    prescriber = Prescriber.objects.filter(user=user).first()
    return {
        "foyers_lies": [
            {
                "epicerie": household.grocery.name,
                "taille_du_foyer": household.size_band,
                "contact": household.contact,
                "droits": [
                    {
                        "debut": o.starts_on.isoformat(),
                        "fin": o.ends_on.isoformat(),
                        "montant_mensuel": o.allowance,
                        "quartier": o.quartier.name if o.quartier else None,
                        "etat": o.status,
                    }
                    for o in household.orientations.select_related("quartier").order_by("starts_on")
                ],
                "passages": [{"le": v.at.isoformat(), "montant": v.amount} for v in household.visits.order_by("at")],
                "creneaux": [
                    {
                        "debut": b.start.isoformat(),
                        "etat": b.status,
                        "panier": {"categories": b.basket.categories, "allergies": b.basket.allergens}
                        if getattr(b, "basket", None)
                        else None,
                    }
                    for b in household.bookings.select_related("basket").order_by("start")
                ],
            }
            for household in Household.objects.filter(account=user).select_related("grocery")
        ],
        "prescripteur": {
            "structure": prescriber.organisation,
            "type": prescriber.kind,
            "retire": prescriber.revoked_at is not None,
        }
        if prescriber
        else None,
        "epiceries_gerees": list(Grocery.objects.filter(managers=user).values_list("name", flat=True)),
        "caisses": list(Grocery.objects.filter(volunteers=user).values_list("name", flat=True)),
    }


def erase(user):
    from solidarite.grocery.models import Grocery, Household, OrientationLog, Prescriber, Visit

    Household.objects.filter(account=user).update(account=None, contact="")
    OrientationLog.objects.filter(by=user).update(by=None)
    Visit.objects.filter(by=user).update(by=None)
    Prescriber.objects.filter(granted_by=user).update(granted_by=None)
    Prescriber.objects.filter(user=user).delete()  # orientations keep no prescriber (SET_NULL)
    for grocery in Grocery.objects.filter(managers=user):
        grocery.managers.remove(user)
    for grocery in Grocery.objects.filter(volunteers=user):
        grocery.volunteers.remove(user)


def handler() -> PersonalDataHandler:
    from solidarite.grocery.models import Grocery, Household, OrientationLog, Prescriber, Visit

    return PersonalDataHandler(
        label="epicerie_sociale",
        models=(Grocery, Household, OrientationLog, Prescriber, Visit),
        export=export,
        erase=erase,
        order=50,
    )
