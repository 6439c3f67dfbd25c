"""Requests and batches: one function per use case, called alike by the pages and the API.

The rule « one device per household per N years » (``EQUIPMENT_YEARS_BETWEEN_DEVICES``) is checked
with the household's row locked (``Household``, keyed by the hash of the address): two requests made
at once for one address are serialized on it (PostgreSQL: the row lock; SQLite: BEGIN IMMEDIATE),
and a partial unique constraint (one running request per household) is the database's last word.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.accounts.roles import can_post, is_city_staff, require_city_staff, require_poster
from solidarite.contact import POSTAL_CODE_RE
from solidarite.equipment import household as households
from solidarite.equipment import notices
from solidarite.equipment.models import (
    Batch,
    Condition,
    Device,
    DeviceKind,
    DeviceLog,
    EquipmentRequest,
    Household,
    Public,
    Refurbisher,
    RequestLog,
    Wanted,
)
from solidarite.equipment.roles import require_refurbisher
from solidarite.equipment.workflow import DEVICE, REQUEST
from solidarite.notifications.services import notify_many
from solidarite.places.models import Quartier
from solidarite.rights import mandates
from solidarite.rights.mandate_models import MandateAct, Scope
from solidarite.rights.models import Place

Status = EquipmentRequest.Status
# A batch is typed in one form: more devices than this are two batches.
MAX_BATCH = 200


def years_between() -> int:
    return settings.EQUIPMENT_YEARS_BETWEEN_DEVICES


def next_allowed(last_handover_on: dt.date) -> dt.date:
    """The first day a household served on ``last_handover_on`` may ask again (29 February → 1 March)."""
    years = years_between()
    try:
        return last_handover_on.replace(year=last_handover_on.year + years)
    except ValueError:
        return dt.date(last_handover_on.year + years, 3, 1)


def _running() -> ValidationError:
    return ValidationError(
        {"address": _("Une demande est déjà en cours pour ce foyer : suivez-la plutôt que d'en faire une autre.")},
        code="running",
    )


def ask(*, by, public, wanted, address, postal_code, quartier=None, mandate=None, now=None) -> EquipmentRequest:
    """A household asks for a device: the resident with an account, or a mediator under a mandate
    (help-requests scope: ``rights.mandates``), or staff at the desk for a resident without one."""
    require_poster(by)
    now = now or timezone.now()
    errors = {}
    if public not in Public.values:
        errors["public"] = _("Choisissez la situation du foyer parmi celles de la liste.")
    if wanted not in Wanted.values:
        errors["wanted"] = _("Choisissez l'appareil souhaité parmi ceux de la liste.")
    address = " ".join((address or "").split())
    postal_code = (postal_code or "").strip()
    if len(address) < 5:
        errors["address"] = _("Indiquez l'adresse du foyer (numéro, rue, et bâtiment ou appartement s'il y en a).")
    elif len(address) > 250:
        errors["address"] = _("Adresse trop longue (250 caractères au plus).")
    if not POSTAL_CODE_RE.fullmatch(postal_code):
        errors["postal_code"] = _("Le code postal a 5 chiffres.")
    quartier_obj = None
    if quartier not in (None, ""):
        pk = getattr(quartier, "pk", quartier)
        quartier_obj = Quartier.objects.filter(pk=pk).first() if str(pk).isdigit() and len(str(pk)) < 19 else None
        if quartier_obj is None:
            errors["quartier"] = _("Quartier inconnu.")
    if mandate not in (None, ""):
        try:
            mandate = mandates.chosen(mandate, by, Scope.HELP_REQUESTS)
        except ValidationError as error:
            errors.update(error.message_dict)
    else:
        mandate = None
    if errors:
        raise ValidationError(errors)
    key = households.key(address, postal_code)
    resident = None if (mandate is not None or is_city_staff(by)) else by
    try:
        with transaction.atomic():
            if mandate is not None:
                mandate = mandates.lock_for_act(mandate, by, Scope.HELP_REQUESTS, now=now)
                resident = mandate.resident
            household, _created = Household.objects.get_or_create(key=key)
            household = Household.objects.select_for_update().get(pk=household.pk)
            if household.requests.active().exists():
                raise _running()
            if household.last_handover_on and timezone.localdate(now) < next_allowed(household.last_handover_on):
                raise ValidationError(
                    {
                        "address": _(
                            "Ce foyer a reçu un appareil il y a moins de %(n)s ans : une nouvelle demande sera "
                            "possible à partir du %(day)s."
                        )
                        % {"n": years_between(), "day": next_allowed(household.last_handover_on).strftime("%d/%m/%Y")}
                    },
                    code="too_soon",
                )
            request = EquipmentRequest.objects.create(
                household=household,
                requester=by,
                resident=resident,
                mandate=mandate,
                public=public,
                wanted=wanted,
                quartier=quartier_obj,
                address=f"{address}, {postal_code}",
                created_at=now,
            )
            RequestLog.objects.create(
                request=request, name="ask", from_state="", to_state=Status.WAITING, by=by, at=now
            )
            if mandate is not None:
                mandates.record_act(
                    mandate,
                    by=by,
                    kind=MandateAct.Kind.HELP_REQUEST,
                    summary=_("Demande d'équipement numérique"),
                    url=reverse("equipment:request", args=[request.pk]),
                    now=now,
                )
    except IntegrityError:
        # Two tabs at once on PostgreSQL before the household row existed: the constraint decided.
        raise _running() from None
    return request


def withdraw(*, request: EquipmentRequest, by, now=None) -> EquipmentRequest:
    REQUEST.require(request, "withdraw", by)
    with transaction.atomic():
        current = EquipmentRequest.objects.select_for_update().get(pk=request.pk)
        current.closed_at, current.address = now or timezone.now(), ""
        REQUEST.move(current, "withdraw", by=by, save_fields=["closed_at", "address"])
    return current


def refuse(*, request: EquipmentRequest, by, reason: str, now=None) -> EquipmentRequest:
    """Staff do not retain a request (the criterion does not hold); the household is told why."""
    REQUEST.require(request, "refuse", by)
    reason = " ".join((reason or "").split())[:300]
    if not reason:
        raise ValidationError({"reason": _("Dites en une phrase pourquoi la demande n'est pas retenue.")})
    with transaction.atomic():
        current = EquipmentRequest.objects.select_for_update().get(pk=request.pk)
        current.closed_at, current.address = now or timezone.now(), ""
        REQUEST.move(current, "refuse", by=by, reason=reason, save_fields=["closed_at", "address"])
        notify_many([(user, notices.REFUSED, notices.refused(current, reason)) for user in notices.people(current)])
    return current


def parse_devices(text: str) -> list[dict]:
    """A batch typed one device a line: « type ; caractéristiques ; état ; identifiant »."""
    kinds = {**{k: k for k in DeviceKind.values}, "portable": "laptop", "fixe": "desktop", "tablette": "tablet"}
    conditions = {**{c: c for c in Condition.values}}
    devices, errors = [], []
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        raise ValidationError({"devices": _("Indiquez au moins un appareil.")})
    if len(lines) > MAX_BATCH:
        raise ValidationError({"devices": _("%(n)s appareils au plus par lot.") % {"n": MAX_BATCH}})
    for number, line in enumerate(lines, start=1):
        parts = [part.strip() for part in line.split(";")]
        if len(parts) != 4 or not all(parts):
            errors.append(_("Ligne %(n)s : il faut 4 parties séparées par « ; ».") % {"n": number})
            continue
        kind, specs, condition, reference = parts
        kind, condition = kinds.get(kind.lower()), conditions.get(condition.lower())
        if kind is None:
            errors.append(_("Ligne %(n)s : type inconnu (portable, fixe ou tablette).") % {"n": number})
        elif condition is None:
            errors.append(_("Ligne %(n)s : état inconnu (a, b ou c).") % {"n": number})
        elif len(specs) > 200 or len(reference) > 50:
            errors.append(_("Ligne %(n)s : texte trop long.") % {"n": number})
        else:
            devices.append({"kind": kind, "specs": specs, "condition": condition, "reference": reference})
    references = [d["reference"] for d in devices]
    if len(set(references)) != len(references):
        errors.append(_("Deux appareils portent le même identifiant."))
    if errors:
        raise ValidationError({"devices": errors})
    return devices


def list_batch(*, by, place, devices: list[dict], label: str = "", lendable: bool = False, now=None) -> Batch:
    """A refurbisher lists a batch; after commit each device is matched to the waiting list. A batch
    ``lendable`` is kept for loans instead (``loans``): lent to households while they wait, never given."""
    refurbisher = require_refurbisher(by)
    now = now or timezone.now()
    pk = getattr(place, "pk", place)
    place = Place.objects.published().filter(pk=pk).exclude(opening_hours="").first() if str(pk).isdigit() else None
    if place is None:
        raise ValidationError({"place": _("Choisissez un lieu de remise qui a des horaires d'accueil.")})
    if not devices:
        raise ValidationError({"devices": _("Indiquez au moins un appareil.")})
    with transaction.atomic():
        batch = Batch.objects.create(
            organisation=refurbisher.organisation,
            listed_by=by,
            label=(label or "").strip()[:100],
            place=place,
            created_at=now,
        )
        rows = Device.objects.bulk_create([Device(batch=batch, created_at=now, **device) for device in devices])
        DeviceLog.objects.bulk_create(
            [
                DeviceLog(device=d, name="list", from_state="", to_state=Device.Status.LISTED, by=by, at=now)
                for d in rows
            ]
        )
        ids = [d.pk for d in rows]
        if lendable:
            from solidarite.equipment import loans

            loans.keep_batch(rows, by=by, now=now)
            return batch

        def match():
            from solidarite.equipment import allocation

            for device_id in ids:
                allocation.allocate(device_id)

        transaction.on_commit(match)
    return batch


def withdraw_device(*, device: Device, by, now=None) -> Device:
    """A device leaves the scheme. One kept for loans leaves the objethèque too, once nobody holds it."""
    from solidarite.lending.models import Item, Loan

    DEVICE.require(device, "withdraw", by)
    with transaction.atomic():
        current = Device.objects.select_for_update().get(pk=device.pk)
        if current.item_id is not None:
            # The item row lock is the one a booking takes: no loan slips in between.
            Item.objects.select_for_update().filter(pk=current.item_id).values_list("pk", flat=True).first()
            if Loan.objects.active().filter(item_id=current.item_id).exists():
                raise ValidationError(
                    {"device": _("Cet appareil est prêté ou réservé pour un prêt : retirez-le après son retour.")},
                    code="lent",
                )
            Item.objects.filter(pk=current.item_id).update(is_active=False)
        DEVICE.move(current, "withdraw", by=by)
    return current


def grant_refurbisher(*, by, user, organisation: str, now=None) -> Refurbisher:
    require_city_staff(by, _("Seul·es les agent·es de la ville accordent le rôle de reconditionneur·se."))
    organisation = " ".join((organisation or "").split())[:150]
    if not organisation:
        raise ValidationError({"organisation": _("Indiquez le nom de la structure.")})
    if not can_post(user):
        raise ValidationError({"user": _("Ce compte n'est pas actif.")})
    now = now or timezone.now()
    with transaction.atomic():
        found = Refurbisher.objects.select_for_update().filter(user=user).first()
        if found is not None:
            found.organisation, found.revoked_at, found.granted_by, found.granted_at = organisation, None, by, now
            found.save()
            return found
        return Refurbisher.objects.create(user=user, organisation=organisation, granted_by=by, granted_at=now)


def revoke_refurbisher(*, by, refurbisher: Refurbisher, now=None) -> None:
    if not is_city_staff(by):
        raise PermissionDenied(_("Seul·es les agent·es de la ville retirent ce rôle."))
    Refurbisher.objects.filter(pk=refurbisher.pk).update(revoked_at=now or timezone.now())
