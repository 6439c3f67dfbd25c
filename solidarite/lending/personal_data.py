"""What the library of things holds about a person (RGPD), for export and erase.

Their loans (item, dates, state, the handovers' condition and weight), their places on waiting lists, the
lenders they manage, the steps and handovers they recorded. Erasing the person cancels their loans still
booked (the lender's managers are told), removes them from every loan (the item, dates, weight and
quartier stay for the figures; a loan still out stays on the lender's list as « compte supprimé »),
deletes their waiting-list places, and takes their name off the steps and handovers they recorded.
"""

from solidarite.accounts.personal_data import PersonalDataHandler


def export(user):
    from solidarite.lending.models import Handover, Lender, Loan, Transition, WaitEntry

    return {
        "prets": [
            {
                "objet": loan.item.name,
                "preteur": loan.item.lender.name,
                "retrait": loan.first_day.isoformat(),
                "retour": loan.last_day.isoformat(),
                "etat": loan.status,
                "poids_kg": str(loan.weight_kg) if loan.weight_kg is not None else None,
                "remises": [
                    {
                        "sens": h.direction,
                        "etat_objet": h.condition,
                        "poids_kg": str(h.weight_kg),
                        "le": h.at.isoformat(),
                    }
                    for h in loan.handovers.all()
                ],
            }
            for loan in Loan.objects.filter(borrower=user).select_related("item__lender").prefetch_related("handovers")
        ],
        "listes_d_attente": [
            {
                "objet": w.item.name,
                "inscrit_le": w.created_at.isoformat(),
                "prevenu_le": w.notified_at.isoformat() if w.notified_at else None,
            }
            for w in WaitEntry.objects.filter(person=user).select_related("item")
        ],
        "preteurs_geres": list(Lender.objects.filter(managers=user).values_list("name", flat=True)),
        "etapes_enregistrees": [
            {"pret": t.loan_id, "etape": t.name, "le": t.at.isoformat()} for t in Transition.objects.filter(by=user)
        ],
        "remises_enregistrees": [
            {"pret": h.loan_id, "sens": h.direction, "le": h.at.isoformat()} for h in Handover.objects.filter(by=user)
        ],
    }


def erase(user):
    from solidarite.lending import notices, roles
    from solidarite.lending.models import Handover, Lender, Loan, Transition, WaitEntry
    from solidarite.lending.workflow import LOAN
    from solidarite.notifications.services import notify_many

    # Their bookings end now (the person may be suspended already: the step is taken for them).
    tell = []
    for loan in Loan.objects.filter(borrower=user, status=Loan.Status.BOOKED).select_related("item__lender"):
        LOAN.move(loan, "cancel", by=None, reason="compte supprimé")
        payload = notices.cancelled(loan, reason="", for_owner=True)
        tell += [(manager, notices.CANCELLED, payload) for manager in roles.managers_to_notify(loan.item.lender)]
    notify_many(tell)
    Loan.objects.filter(borrower=user).update(borrower=None)
    WaitEntry.objects.filter(person=user).delete()
    Transition.objects.filter(by=user).update(by=None)
    Handover.objects.filter(by=user).update(by=None)
    for lender in Lender.objects.filter(managers=user):
        lender.managers.remove(user)


def handler() -> PersonalDataHandler:
    from solidarite.lending.models import Handover, Lender, Loan, Transition, WaitEntry

    return PersonalDataHandler(
        label="objetheque",
        models=(Lender, Loan, Transition, Handover, WaitEntry),
        export=export,
        erase=erase,
        order=55,
    )
