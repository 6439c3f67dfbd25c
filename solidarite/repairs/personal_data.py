"""What the repair cafés hold about a person (RGPD), for export and erase.

- Pre-registered objects: the owner's account on the record (until ``purge_repairs`` unlinks it).
- Credits: the repairs a volunteer is credited for.
- Follows (the calendar's secret address is `calendars`').
Erasing a person withdraws their waiting pre-registrations, unlinks them from the objects already
brought (the ORDS record stays, without anyone), removes their credits and follows.
"""

from solidarite.accounts.personal_data import PersonalDataHandler


def export(user):
    from solidarite.repairs.models import Follow, RecordLog, RepairCredit, RepairRecord

    return {
        "objets_inscrits": [
            {
                "session": r.action.title,
                "date": r.event_date.isoformat(),
                "categorie": str(r.get_product_category_display()),
                "marque": r.brand,
                "panne": r.problem,
                "etat": r.status,
                "issue": str(r.get_repair_status_display()),
            }
            for r in RepairRecord.objects.filter(owner=user).select_related("action").order_by("event_date", "pk")
        ],
        "reparations_creditees": [
            {
                "session": c.record.action.title,
                "date": c.record.event_date.isoformat(),
                "categorie": str(c.record.get_product_category_display()),
                "issue": str(c.record.get_repair_status_display()),
            }
            for c in RepairCredit.objects.filter(repairer=user).select_related("record__action")
        ],
        "fiches_notees": RecordLog.objects.filter(by=user).count(),
        "repair_cafes_suivis": list(
            Follow.objects.filter(user=user).values_list("association__name", flat=True).order_by("association__name")
        ),
    }


def erase(user):
    from solidarite.repairs.models import Follow, RecordLog, RepairCafe, RepairCredit, RepairRecord

    RepairRecord.objects.filter(owner=user, status=RepairRecord.Status.PREREGISTERED).update(
        status=RepairRecord.Status.WITHDRAWN
    )
    RepairRecord.objects.filter(owner=user).update(owner=None)
    RecordLog.objects.filter(by=user).update(by=None)
    RepairCafe.objects.filter(marked_by=user).update(marked_by=None)
    RepairCredit.objects.filter(repairer=user).delete()
    Follow.objects.filter(user=user).delete()


def handler() -> PersonalDataHandler:
    from solidarite.repairs.models import Follow, RecordLog, RepairCafe, RepairCredit, RepairRecord

    return PersonalDataHandler(
        label="repair_cafes",
        models=(RepairCafe, RepairRecord, RecordLog, RepairCredit, Follow),
        export=export,
        erase=erase,
        order=55,
    )
