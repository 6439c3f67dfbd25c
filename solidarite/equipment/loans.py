"""Devices lent, not given: the objethèque's loan engine (``solidarite.lending``), not a copy of it.

A refurbisher or staff keep a device for loans (``keep_for_loans``): it becomes an item of the
objethèque, out of its catalogue (``Item.open_to_all`` false), lent by the town's desk at the device's
handover place (a ``Lender`` of kind « ville », which city staff manage). Staff then lend it to a household
whose request is running (``lend``): ``lending.services.book_days`` books it, with the objethèque's
guarantee of one loan at a time (the item row locked, the exclusion constraint on PostgreSQL); handing it
over and taking it back are the objethèque's desk pages. A loan is not a device given: it does not count
against « one device per household per N years », the request keeps its place in the waiting list, and
only its history notes the loan.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from solidarite import hours_text
from solidarite.accounts.roles import can_post
from solidarite.equipment import notices
from solidarite.equipment.models import Condition, Device, DeviceKind, EquipmentRequest, Wanted
from solidarite.equipment.workflow import DEVICE, REQUEST
from solidarite.lending import services as lending
from solidarite.lending.models import MAX_LOAN_DAYS, Item, Lender, Loan
from solidarite.notifications.services import notify_many

# The longest loan of a device: the objethèque's longest (two months), enough to wait for one's own.
LOAN_DAYS = MAX_LOAN_DAYS
CONDITIONS = {Condition.AS_NEW: "new", Condition.GOOD: "good", Condition.FAIR: "fair"}
# What the desk weighs roughly (the objethèque's handover form asks the real weight).
WEIGHTS = {DeviceKind.LAPTOP: Decimal("2"), DeviceKind.DESKTOP: Decimal("8"), DeviceKind.TABLET: Decimal("0.5")}


def lender_for(place) -> Lender:
    """The town's desk lending devices at ``place`` (one per place: where the loans are picked up)."""
    lender = Lender.objects.filter(slug=f"appareils-numeriques-{place.pk}").first()
    if lender is not None:
        return lender
    with translation.override("fr"):  # stored text, in the platform's language
        hours = hours_text.weekly(place.opening_hours, "fr")
        lender, _created = Lender.objects.get_or_create(
            slug=f"appareils-numeriques-{place.pk}",
            defaults={
                "name": (_("Prêt d'appareils numériques — %(place)s") % {"place": place.name})[:150],
                "kind": Lender.Kind.TOWN,
                "address": place.address[:250],
                "pickup_hours": (str(hours) if hours else _("aux horaires d'accueil du lieu"))[:200],
            },
        )
    return lender


def _keep(device: Device, *, by, now) -> None:
    """Inside a transaction, ``device`` locked and listed: make it the objethèque's item, out of its catalogue."""
    place = device.batch.place
    device.item = Item.objects.create(
        lender=lender_for(place),
        name=f"{device.get_kind_display()} {device.reference}"[:150],
        slug=f"appareil-{device.pk}",
        category=Item.Category.DIGITAL,
        description=device.specs,
        condition=CONDITIONS[device.condition],
        weight_kg=WEIGHTS[device.kind],
        max_days=LOAN_DAYS,
        pickup_point=f"{place.name}, {place.address}"[:250],
        open_to_all=False,
    )
    DEVICE.move(device, "lend", by=by, save_fields=["item"])


def keep_for_loans(*, device: Device, by, now=None) -> Device:
    """The refurbisher who listed it, or staff: this device will be lent, not given."""
    DEVICE.require(device, "lend", by)
    with transaction.atomic():
        current = Device.objects.select_for_update(of=("self",)).select_related("batch__place").get(pk=device.pk)
        DEVICE.check(current, "lend", by)
        _keep(current, by=by, now=now or timezone.now())
    return current


def keep_batch(devices: list[Device], *, by, now) -> None:
    """A batch listed for loans (``services.list_batch``), inside its transaction."""
    for device in devices:
        _keep(device, by=by, now=now)


def kinds_for(wanted: str) -> list[str]:
    """The kinds of device that suit a request (as ``RequestQuerySet.accepting`` reads it the other way)."""
    if wanted == Wanted.TABLET:
        return [DeviceKind.TABLET]
    if wanted == Wanted.COMPUTER:
        return [DeviceKind.LAPTOP, DeviceKind.DESKTOP]
    return list(DeviceKind.values)


def lendable_for(request: EquipmentRequest):
    """The devices kept for loans that suit ``request``."""
    return (
        Device.objects.filter(status=Device.Status.LENDABLE, kind__in=kinds_for(request.wanted), item__is_active=True)
        .select_related("batch__place", "item")
        .order_by("kind", "pk")
    )


def loans_of(request: EquipmentRequest):
    """The devices lent to the request's resident (a loan is in the objethèque's books, not in the request)."""
    if request.resident_id is None:
        return Loan.objects.none()
    return (
        Loan.objects.filter(borrower_id=request.resident_id, item__device__isnull=False)
        .select_related("item")
        .order_by("-start")
    )


def _day(day: dt.date) -> str:
    return date_format(day, "l j F")


def lend(*, request: EquipmentRequest, device: Device, by, first_day: dt.date, last_day: dt.date, now=None) -> Loan:
    """Staff lend a device kept for loans to a running request's household, from ``first_day`` (pickup)
    to ``last_day`` (return). The request stays as it is; the N-year rule does not see the loan."""
    REQUEST.require(request, "lend", by)
    now = now or timezone.now()
    if device.status != Device.Status.LENDABLE or device.item_id is None:
        raise ValidationError({"device": _("Cet appareil n'est pas gardé pour le prêt.")}, code="not_lendable")
    if device.kind not in kinds_for(request.wanted):
        raise ValidationError({"device": _("Ce type d'appareil n'est pas celui que le foyer demande.")}, code="kind")
    with transaction.atomic():
        current = (
            EquipmentRequest.objects.select_for_update(of=("self",))
            .select_related("requester", "resident")
            .get(pk=request.pk)
        )
        REQUEST.check(current, "lend", by)
        if current.resident is None or not can_post(current.resident):
            raise ValidationError(
                {
                    "device": _(
                        "Un prêt se fait au nom d'un compte, et ce foyer n'en a pas. "
                        "Créez-lui un compte, ou attendez un appareil à donner."
                    )
                },
                code="no_account",
            )
        loan = lending.book_days(
            item=device.item, borrower=current.resident, first_day=first_day, last_day=last_day, by=by, now=now
        )
        with translation.override("fr"):  # the history is written once, in French
            reason = _("%(device)s prêté du %(first)s au %(last)s") % {
                "device": device,
                "first": _day(loan.first_day),
                "last": _day(loan.last_day),
            }
        REQUEST.move(current, "lend", by=by, reason=reason)
        notify_many([(user, notices.LENT, notices.lent(loan)) for user in notices.people(current)])
    return loan
