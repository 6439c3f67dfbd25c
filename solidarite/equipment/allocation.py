"""Devices to households: by the town's priority rules (``priority``), or by hand by staff with a reason.

``allocate(device_id)`` is the one entry point for a device that becomes free (a new batch, an offer
declined or expired): in one transaction it locks the device, picks the first waiting request the
rules give it to, locks that request and re-reads its state (another device may have just taken it:
then the next one is tried), reserves the device, offers it, and tells the household after commit
(``notify_many``: the notification row, then the push on the socket). Two devices freed at once never
go to one request: the request's row lock (PostgreSQL) or the serialized write (SQLite) decides.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.equipment import notices, priority
from solidarite.equipment.models import Device, EquipmentRequest
from solidarite.equipment.workflow import DEVICE, REQUEST
from solidarite.notifications.services import notify_many

Status = EquipmentRequest.Status
# Candidates re-read when another allocation took the first one meanwhile.
TRIES = 5


def offer_days() -> dt.timedelta:
    return dt.timedelta(days=settings.EQUIPMENT_OFFER_DAYS)


def suits(request: EquipmentRequest, device: Device) -> bool:
    """The same rule as ``RequestQuerySet.accepting``, for one request already read."""
    return EquipmentRequest.objects.accepting(device.kind).filter(pk=request.pk).exists()


def _offer(device: Device, request: EquipmentRequest, *, step: str, by, reason: str, now) -> None:
    request.device = device
    request.offered_at = now
    request.offer_expires_at = now + offer_days()
    REQUEST.move(request, step, by=by, reason=reason, save_fields=["device", "offered_at", "offer_expires_at"])
    DEVICE.move(device, "reserve", by=by, reason=reason)
    request.device = device
    notify_many([(user, notices.OFFERED, notices.offered(request)) for user in notices.people(request)])


def allocate(device_id: int, *, now=None) -> EquipmentRequest | None:
    """Give a free device to the first waiting request by the rules; None when nobody waits for it."""
    now = now or timezone.now()
    with transaction.atomic():
        device = (
            Device.objects.select_for_update(of=("self",)).select_related("batch__place").filter(pk=device_id).first()
        )
        if device is None or device.status != Device.Status.LISTED:
            return None
        queue = EquipmentRequest.objects.accepting(device.kind)
        for _try in range(TRIES):
            candidate = priority.first_in_line(queue)
            if candidate is None:
                return None
            # Locked, then read again: a concurrent allocation may have offered it another device.
            request = (
                EquipmentRequest.objects.select_for_update(of=("self",))
                .select_related("requester", "resident")
                .filter(pk=candidate, status=Status.WAITING)
                .first()
            )
            if request is not None:
                _offer(device, request, step="offer", by=None, reason="", now=now)
                return request
        return None


def assign(*, request: EquipmentRequest, device: Device, by, reason: str, now=None) -> EquipmentRequest:
    """Staff give a listed device to a waiting request by hand (an urgent case); the reason is logged
    in both life cycles."""
    REQUEST.require(request, "assign", by)
    reason = " ".join((reason or "").split())[:300]
    if not reason:
        raise ValidationError({"reason": _("Dites pourquoi vous attribuez cet appareil à la main.")})
    now = now or timezone.now()
    with transaction.atomic():
        current = (
            EquipmentRequest.objects.select_for_update(of=("self",))
            .select_related("requester", "resident")
            .get(pk=request.pk)
        )
        locked = Device.objects.select_for_update(of=("self",)).select_related("batch__place").get(pk=device.pk)
        REQUEST.check(current, "assign", by)
        if locked.status != Device.Status.LISTED:
            raise ValidationError({"device": _("Cet appareil n'est plus disponible : choisissez-en un autre.")})
        if not suits(current, locked):
            raise ValidationError({"device": _("Ce type d'appareil n'est pas celui que le foyer demande.")})
        _offer(locked, current, step="assign", by=by, reason=reason, now=now)
    return current


def release(request: EquipmentRequest, *, by, reason: str = "") -> None:
    """Inside the transaction that ends an offer: the device goes back to the list, and after commit
    to the next household by the rules."""
    if request.device_id is None:
        return
    device = Device.objects.select_for_update().get(pk=request.device_id)
    if device.status != Device.Status.RESERVED:
        return
    DEVICE.move(device, "release", by=by, reason=reason)
    transaction.on_commit(lambda: allocate(device.pk))
