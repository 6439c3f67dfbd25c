"""The handover: a slot at the device's place, inside its OpenStreetMap hours, one household at a time.

Slots come from ``solidarite.intervals`` (the place's hours, French public holidays closed, cut into
``HANDOVER_MINUTES``); a slot is free when no booked request holds it at that place. Booking runs in
``intervals.exclusive`` on the place (its row locked on PostgreSQL, BEGIN IMMEDIATE on SQLite) and the
exclusion constraint ``equipment_one_handover_at_once`` is the last word on PostgreSQL. The slot
must fall before the offer expires. Once the device is handed over, the household's address is
erased and the household's last handover date kept (the rule of N years).
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from solidarite import intervals
from solidarite.equipment import allocation, notices
from solidarite.equipment.models import HANDOVER_MINUTES, Device, EquipmentRequest, Household
from solidarite.equipment.workflow import DEVICE, REQUEST
from solidarite.notifications.services import notify_many

Status = EquipmentRequest.Status
CONSTRAINT = "equipment_one_handover_at_once"
LENGTH = dt.timedelta(minutes=HANDOVER_MINUTES)
# A slot is booked at least this long ahead (the desk gets the device ready).
MIN_NOTICE = dt.timedelta(hours=2)
# A booked handover nobody came to expires this long after its slot (``expire_equipment_offers``).
NO_SHOW_GRACE = dt.timedelta(days=2)


@dataclass(frozen=True)
class Slot:
    start: dt.datetime
    end: dt.datetime

    @property
    def key(self) -> str:
        return self.start.isoformat(timespec="minutes")

    @property
    def text(self) -> str:
        start = self.start.astimezone(intervals.PARIS)
        return _("%(day)s à %(hour)s") % {
            "day": date_format(start.date(), "l j F"),
            "hour": date_format(start, "G \\h i"),
        }


def _hours(place) -> str:
    return place.opening_hours if "PH" in place.opening_hours else f"{place.opening_hours}; PH off"


def free_slots(request: EquipmentRequest, *, now=None) -> list[Slot]:
    """The free slots at the device's place between now (plus notice) and the offer's end."""
    now = now or timezone.now()
    if request.status != Status.OFFERED or request.device_id is None:
        return []
    place = request.device.batch.place
    first = now + MIN_NOTICE
    last = request.offer_expires_at
    if not place.opening_hours or last <= first:
        return []
    begin = intervals.wall(first).replace(hour=0, minute=0, second=0, microsecond=0)
    periods = intervals.open_intervals(_hours(place), begin, intervals.wall(last))
    taken = set(
        EquipmentRequest.objects.filter(
            place=place, status=Status.BOOKED, start__gte=first, start__lt=last
        ).values_list("start", flat=True)
    )
    return [Slot(s, e) for s, e in intervals.slots(periods, LENGTH) if s >= first and e <= last and s not in taken]


def _taken() -> ValidationError:
    return ValidationError({"start": _("Désolé, ce créneau vient d'être pris : choisissez-en un autre.")}, code="taken")


def book(*, request: EquipmentRequest, by, start: dt.datetime, now=None) -> EquipmentRequest:
    REQUEST.require(request, "book", by)
    now = now or timezone.now()
    start = intervals.aware(start)
    if start not in {slot.start for slot in free_slots(request, now=now)}:
        if EquipmentRequest.objects.filter(
            place=request.device.batch.place, status=Status.BOOKED, start=start
        ).exists():
            raise _taken()
        raise ValidationError({"start": _("Ce créneau n'est pas proposé : choisissez-en un dans la liste.")})
    place = request.device.batch.place
    with intervals.exclusive(place, constraint=CONSTRAINT, taken=_taken):
        current = EquipmentRequest.objects.select_for_update().get(pk=request.pk)
        REQUEST.check(current, "book", by)
        if intervals.between(
            EquipmentRequest.objects.filter(place=place, status=Status.BOOKED), start, start + LENGTH, longest=LENGTH
        ).exists():
            raise _taken()
        current.place, current.start, current.end = place, start, start + LENGTH
        REQUEST.move(current, "book", by=by, save_fields=["place", "start", "end"])
    return current


def hand_over(*, request: EquipmentRequest, by, now=None) -> EquipmentRequest:
    """Staff at the desk: the household leaves with its device. The address goes; the date stays."""
    REQUEST.require(request, "hand_over", by)
    now = now or timezone.now()
    with transaction.atomic():
        current = EquipmentRequest.objects.select_for_update().get(pk=request.pk)
        REQUEST.check(current, "hand_over", by)
        Household.objects.select_for_update().filter(pk=current.household_id).update(
            last_handover_on=timezone.localdate(now)
        )
        device = Device.objects.select_for_update().get(pk=current.device_id)
        DEVICE.move(device, "hand_over", by=by)
        current.closed_at, current.address = now, ""
        REQUEST.move(current, "hand_over", by=by, save_fields=["closed_at", "address"])
    return current


def decline(*, request: EquipmentRequest, by, now=None) -> EquipmentRequest:
    """The household does not want the device (any more): it goes to the next one."""
    REQUEST.require(request, "decline", by)
    with transaction.atomic():
        current = EquipmentRequest.objects.select_for_update().get(pk=request.pk)
        REQUEST.check(current, "decline", by)
        end(current, "decline", by=by, now=now)
    return current


def end(current: EquipmentRequest, step: str, *, by, reason: str = "", now=None) -> None:
    """Inside a transaction, the request locked: close it, free its slot and its device."""
    current.closed_at, current.address = now or timezone.now(), ""
    REQUEST.move(current, step, by=by, reason=reason, save_fields=["closed_at", "address"])
    allocation.release(current, by=by, reason=reason)


def expire_due(*, now=None) -> int:
    """Offers past their days, and handovers nobody came to, expire; their devices go to the next."""
    now = now or timezone.now()
    due = EquipmentRequest.objects.filter(status=Status.OFFERED, offer_expires_at__lt=now) | (
        EquipmentRequest.objects.filter(status=Status.BOOKED, end__lt=now - NO_SHOW_GRACE)
    )
    count = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            current = (
                EquipmentRequest.objects.select_for_update(of=("self",))
                .select_related("requester", "resident")
                .get(pk=pk)
            )
            if current.status not in (Status.OFFERED, Status.BOOKED):
                continue
            end(current, "expire", by=None, now=now)
            notify_many([(user, notices.EXPIRED, notices.expired(current)) for user in notices.people(current)])
            count += 1
    return count
