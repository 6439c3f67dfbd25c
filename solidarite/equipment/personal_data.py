"""What equipment requests hold about a person (RGPD), for export and erase.

A request points to its requester and its resident. Erasing the person ends what they had running
(a waiting request is withdrawn, an offer declined: the device goes to the next household) and
unlinks them from every request, which stays as a figure (public, quartier, dates) without an address.
Refurbishers lose their role; batches and log rows they wrote lose their name and stay.
"""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from solidarite.accounts.personal_data import PersonalDataHandler


def export(user):
    from solidarite.equipment.models import EquipmentRequest, Refurbisher

    refurbisher = Refurbisher.objects.filter(user=user).first()
    return {
        "demandes": [
            {
                "demandee_le": r.created_at.isoformat(),
                "critere": r.public,
                "appareil_souhaite": r.wanted,
                "adresse": r.address,
                "etat": r.status,
                "appareil": str(r.device) if r.device_id else None,
                "remise": r.start.isoformat() if r.start else None,
            }
            for r in EquipmentRequest.objects.filter(Q(requester=user) | Q(resident=user)).select_related("device")
        ],
        "reconditionneur": {"structure": refurbisher.organisation, "retire": refurbisher.revoked_at is not None}
        if refurbisher
        else None,
    }


def _end_running(requests, reason: str) -> None:
    from solidarite.equipment import handover
    from solidarite.equipment.models import ACTIVE, EquipmentRequest

    Status = EquipmentRequest.Status
    for pk in requests.filter(status__in=ACTIVE).values_list("pk", flat=True):
        with transaction.atomic():
            current = EquipmentRequest.objects.select_for_update().get(pk=pk)
            if current.status == Status.WAITING:
                current.address = ""
                from solidarite.equipment.workflow import REQUEST

                REQUEST.move(current, "withdraw", by=None, reason=reason, save_fields=["address"])
            elif current.status in (Status.OFFERED, Status.BOOKED):
                handover.end(current, "decline", by=None, reason=reason)


def erase(user):
    from solidarite.equipment.models import Batch, DeviceLog, EquipmentRequest, Refurbisher, RequestLog

    mine = EquipmentRequest.objects.filter(Q(resident=user) | Q(requester=user, resident__isnull=True, mandate=None))
    _end_running(mine, _("compte supprimé"))
    EquipmentRequest.objects.filter(Q(resident=user) | Q(requester=user)).update(resident=None, requester=None)
    RequestLog.objects.filter(by=user).update(by=None)
    DeviceLog.objects.filter(by=user).update(by=None)
    Batch.objects.filter(listed_by=user).update(listed_by=None)
    Refurbisher.objects.filter(granted_by=user).update(granted_by=None)
    Refurbisher.objects.filter(user=user).delete()


def mandates_ended(mandate_ids: list[int]) -> None:
    """A mandate ends: the requests made under it for a resident without an account can no longer be
    followed by anyone; they end (the device goes to the next household)."""
    from solidarite.equipment.models import EquipmentRequest

    _end_running(EquipmentRequest.objects.filter(mandate_id__in=mandate_ids, resident=None), _("mandat terminé"))


def handler() -> PersonalDataHandler:
    from solidarite.equipment.models import Batch, DeviceLog, EquipmentRequest, Refurbisher, RequestLog

    return PersonalDataHandler(
        label="equipement_numerique",
        models=(Batch, DeviceLog, EquipmentRequest, Refurbisher, RequestLog),
        export=export,
        erase=erase,
        order=55,
    )
