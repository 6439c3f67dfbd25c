"""The life cycles of a request and of a device (see ``solidarite.workflow``).

Request: waiting --offer--> offered (the platform, by the priority rules) or --assign--> offered
(staff, by hand, with a reason); offered --book--> booked (the household picks a handover slot);
booked --hand_over--> handed_over (staff at the desk); offered/booked --decline--> declined (the
household); offered/booked --expire--> expired (``expire_equipment_offers``: the offer's days passed,
or the slot passed without a handover); waiting --withdraw--> withdrawn (the household);
waiting --refuse--> refused (staff: the criterion does not hold, with a reason).
A running request may also be lent a device meanwhile (``lend``, staff, no change of state: ``loans``).
Device: listed --reserve--> reserved --hand_over--> handed_over; reserved --release--> listed (the
offer ended without a handover: the device goes to the next one); listed --lend--> lendable (kept for
loans, the refurbisher or staff); listed/lendable --withdraw--> withdrawn.
"""

from django.utils.translation import gettext_lazy as _

from solidarite.equipment.models import Device, DeviceLog, EquipmentRequest, RequestLog
from solidarite.equipment.roles import refurbisher_of
from solidarite.workflow import SYSTEM, Machine, Step

Status = EquipmentRequest.Status
DeviceStatus = Device.Status
HOUSEHOLD, STAFF, REFURBISHER = "household", "staff", "refurbisher"


def _request_roles(request, user) -> set[str]:
    from solidarite.rights.mandate_models import MediatorGrant

    roles = set()
    if user.is_staff and user.is_active:
        roles.add(STAFF)
    if user.pk in (request.requester_id, request.resident_id):
        roles.add(HOUSEHOLD)
    elif request.mandate_id is not None:
        structure = request.mandate.structure_id
        if MediatorGrant.objects.effective().filter(user=user, association_id=structure).exists():
            roles.add(HOUSEHOLD)
    return roles


def _request_log(request, step, previous, by, reason, **extra):
    return RequestLog(
        request=request, name=step.name, from_state=previous, to_state=step.target or previous, by=by, reason=reason
    )


REQUEST = Machine(
    field="status",
    roles=_request_roles,
    log=_request_log,
    refused={
        HOUSEHOLD: _("Seul le foyer (ou la personne qui l'aide sous mandat) fait cela."),
        STAFF: _("Réservé aux agent·es de la ville."),
    },
    steps=[
        Step("offer", _("Proposer un appareil"), (Status.WAITING,), Status.OFFERED, SYSTEM),
        Step("assign", _("Attribuer à la main"), (Status.WAITING,), Status.OFFERED, STAFF, reason_required=True),
        Step("book", _("Choisir un créneau de remise"), (Status.OFFERED,), Status.BOOKED, HOUSEHOLD),
        Step("hand_over", _("Appareil remis"), (Status.BOOKED,), Status.HANDED_OVER, STAFF),
        Step(
            "decline",
            _("Je n'en veux plus"),
            (Status.OFFERED, Status.BOOKED),
            Status.DECLINED,
            HOUSEHOLD,
            style="danger",
        ),
        Step("expire", _("Échéance"), (Status.OFFERED, Status.BOOKED), Status.EXPIRED, SYSTEM),
        Step("withdraw", _("Retirer ma demande"), (Status.WAITING,), Status.WITHDRAWN, HOUSEHOLD, style="danger"),
        # A loan while the household waits: recorded in the request's history, the request stays as it is.
        Step("lend", _("Prêter un appareil"), (Status.WAITING, Status.OFFERED, Status.BOOKED), None, STAFF),
        Step(
            "refuse",
            _("Ne pas retenir"),
            (Status.WAITING,),
            Status.REFUSED,
            STAFF,
            reason_required=True,
            style="danger",
        ),
    ],
)


def _device_roles(device, user) -> set[str]:
    roles = set()
    if user.is_staff and user.is_active:
        roles.add(STAFF)
    refurbisher = refurbisher_of(user)
    if refurbisher is not None and refurbisher.organisation == device.batch.organisation:
        roles.add(REFURBISHER)
    return roles


def _device_log(device, step, previous, by, reason, **extra):
    return DeviceLog(
        device=device, name=step.name, from_state=previous, to_state=step.target or previous, by=by, reason=reason
    )


DEVICE = Machine(
    field="status",
    roles=_device_roles,
    log=_device_log,
    refused=_("Seul·es la structure qui a déposé l'appareil et les agent·es de la ville le retirent."),
    steps=[
        Step("reserve", _("Réserver pour un foyer"), (DeviceStatus.LISTED,), DeviceStatus.RESERVED, SYSTEM),
        Step("release", _("Remettre en attente"), (DeviceStatus.RESERVED,), DeviceStatus.LISTED, SYSTEM),
        Step("hand_over", _("Remis"), (DeviceStatus.RESERVED,), DeviceStatus.HANDED_OVER, SYSTEM),
        Step("lend", _("Garder pour le prêt"), (DeviceStatus.LISTED,), DeviceStatus.LENDABLE, (STAFF, REFURBISHER)),
        Step(
            "withdraw",
            _("Retirer l'appareil"),
            (DeviceStatus.LISTED, DeviceStatus.LENDABLE),
            DeviceStatus.WITHDRAWN,
            (STAFF, REFURBISHER),
            style="danger",
        ),
    ],
)
