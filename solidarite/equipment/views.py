"""Pages of digital equipment: the rules, asking, following one's request, refurbishers' batches, staff's
desk. They parse, check, call the service, render; every page works without JavaScript."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidarite import intervals
from solidarite.accounts.roles import require_city_staff, require_poster
from solidarite.equipment import allocation, handover, loans, priority, services
from solidarite.equipment.forms import AssignForm, BatchForm, LendForm, RefurbisherForm, RequestForm
from solidarite.equipment.models import Batch, Device, EquipmentRequest, Refurbisher
from solidarite.equipment.roles import require_refurbisher
from solidarite.equipment.workflow import DEVICE, REQUEST
from solidarite.forms import error_text, show_service_error


@require_GET
def home(request):
    return render(
        request,
        "equipment/home.html",
        {"rules": priority.RULES, "then": priority.THEN, "years": services.years_between()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ask(request):
    require_poster(request.user)
    form = RequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.ask(
                by=request.user,
                public=data["public"],
                wanted=data["wanted"],
                address=data["address"],
                postal_code=data["postal_code"],
                quartier=data["quartier"],
                mandate=data.get("mandate"),
            )
        except ValidationError as error:
            show_service_error(form, error)
        else:
            messages.success(
                request, _("Votre demande est enregistrée. Nous vous prévenons dès qu'un appareil vous attend.")
            )
            return redirect(made)
    return render(request, "equipment/ask.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def mine(request):
    requests = EquipmentRequest.objects.visible_to(request.user)
    if request.user.is_staff:
        requests = requests.filter(requester=request.user) | requests.filter(resident=request.user)
    return render(request, "equipment/mine.html", {"requests": requests.select_related("device")})


def _visible(request, pk) -> EquipmentRequest:
    found = (
        EquipmentRequest.objects.visible_to(request.user)
        .select_related("device__batch__place", "quartier", "mandate")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


@login_required
@require_GET
def request_detail(request, pk):
    found = _visible(request, pk)
    return render(request, "equipment/request.html", _detail(request, found))


def _detail(request, found, lend_form=None) -> dict:
    steps = REQUEST.available(found, request.user)
    names = {step.name for step in steps}
    if "lend" in names and lend_form is None:
        today = timezone.localdate()
        lend_form = LendForm(
            devices=loans.lendable_for(found)[:50],
            initial={"first_day": today, "last_day": today + dt.timedelta(days=28)},
        )
    return {
        "req": found,
        # The offer waits for a slot (whoever looks at it): the deadline and the "no slot" line are shown.
        "bookable": REQUEST.can(found, "book"),
        "steps": [s for s in steps if s.name in ("decline", "withdraw")],
        "slots": handover.free_slots(found) if "book" in names else [],
        "can_hand_over": "hand_over" in names,
        "can_refuse": "refuse" in names,
        "devices": Device.objects.filter(status=Device.Status.LISTED).select_related("batch")[:50]
        if "assign" in names
        else [],
        "log": found.log.select_related("by"),
        "slot_text": handover.Slot(found.start, found.end).text if found.start else "",
        "loans": loans.loans_of(found)[:20],
        "lend_form": lend_form if "lend" in names else None,
    }


@login_required
@require_POST
def request_lend(request, pk):
    """Staff lend a device kept for loans while the household waits; a refusal re-renders the page (400)."""
    found = _visible(request, pk)
    REQUEST.require(found, "lend", request.user)  # who, before reading anything the form sent
    form = LendForm(request.POST, devices=loans.lendable_for(found))
    if form.is_valid():
        data = form.cleaned_data
        try:
            loan = loans.lend(
                request=found,
                device=data["device"],
                by=request.user,
                first_day=data["first_day"],
                last_day=data["last_day"],
            )
        except ValidationError as error:
            show_service_error(form, error)
        else:
            messages.success(
                request,
                _("C'est noté : %(device)s est prêté jusqu'au %(last)s. Remettez-le depuis la page des prêts.")
                % {"device": loan.item.name, "last": date_format(loan.last_day, "l j F")},
            )
            return redirect(found)
    return render(request, "equipment/request.html", _detail(request, found, form), status=400)


@login_required
@require_POST
def request_step(request, pk, step):
    found = _visible(request, pk)
    if step == "offer" or REQUEST.step(step) is None or REQUEST.step(step).target is None:
        raise Http404
    REQUEST.require(found, step, request.user)  # who, before reading anything the form sent
    try:
        if step == "book":
            handover.book(request=found, by=request.user, start=_start(request.POST.get("start")))
            messages.success(request, _("C'est noté : nous vous attendons pour la remise."))
        elif step == "decline":
            handover.decline(request=found, by=request.user)
        elif step == "withdraw":
            services.withdraw(request=found, by=request.user)
        elif step == "hand_over":
            handover.hand_over(request=found, by=request.user)
        elif step == "refuse":
            services.refuse(request=found, by=request.user, reason=request.POST.get("reason", ""))
        elif step == "assign":
            form = AssignForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Choisissez un appareil et donnez un motif."))
            device = Device.objects.filter(pk=form.cleaned_data["device"]).first()
            if device is None:
                raise ValidationError(_("Cet appareil n'existe pas."))
            allocation.assign(request=found, device=device, by=request.user, reason=form.cleaned_data["reason"])
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(found)
    return redirect(found)


def _start(value):
    try:
        return intervals.aware(dt.datetime.fromisoformat((value or "").strip().replace(" ", "+")))
    except ValueError:
        raise ValidationError(_("Choisissez un créneau dans la liste.")) from None


@login_required
@require_http_methods(["GET", "POST"])
def batches(request):
    refurbisher = require_refurbisher(request.user)
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            devices = services.parse_devices(data["devices"])
            batch = services.list_batch(
                by=request.user, place=data["place"], devices=devices, label=data["label"], lendable=data["lendable"]
            )
        except ValidationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("Le lot est déposé : %(n)s appareils.") % {"n": batch.devices.count()})
            return redirect("equipment:batches")
    listed = list(Batch.objects.filter(organisation=refurbisher.organisation).prefetch_related("devices__batch")[:20])
    for batch in listed:
        for device in batch.devices.all():
            device.steps = DEVICE.names(device, request.user)
    return render(
        request,
        "equipment/batches.html",
        {"form": form, "batches": listed, "refurbisher": refurbisher},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def device_withdraw(request, pk):
    device = get_object_or_404(Device.objects.select_related("batch"), pk=pk)
    try:
        services.withdraw_device(device=device, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect("equipment:desk" if request.user.is_staff else "equipment:batches")


@login_required
@require_POST
def device_keep_for_loans(request, pk):
    device = get_object_or_404(Device.objects.select_related("batch"), pk=pk)
    try:
        loans.keep_for_loans(device=device, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("%(device)s est gardé pour le prêt.") % {"device": device})
    return redirect("equipment:desk" if request.user.is_staff else "equipment:batches")


@login_required
@require_GET
def desk(request):
    require_city_staff(request.user)
    devices = list(
        Device.objects.filter(status__in=[Device.Status.LISTED, Device.Status.LENDABLE])
        .select_related("batch")
        .order_by("status", "kind", "pk")[:50]
    )
    for device in devices:  # the page asks the machine, not the status, whether the button applies
        device.may_keep_for_loans = DEVICE.can(device, "lend")
    return render(
        request,
        "equipment/desk.html",
        {
            "waiting": priority.ordered(EquipmentRequest.objects.waiting()).select_related("quartier")[:100],
            "offered": EquipmentRequest.objects.filter(status__in=["offered", "booked"])
            .select_related("device")
            .order_by("start", "offer_expires_at")[:100],
            "listed": Device.objects.filter(status=Device.Status.LISTED).count(),
            "free_devices": devices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def refurbishers(request):
    require_city_staff(request.user)
    form = RefurbisherForm(request.POST or None)
    if request.method == "POST" and "revoke" in request.POST:
        pk = request.POST["revoke"]
        found = Refurbisher.objects.filter(pk=pk).first() if pk.isdigit() and len(pk) < 19 else None
        if found is not None:
            services.revoke_refurbisher(by=request.user, refurbisher=found)
        return redirect("equipment:refurbishers")
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_refurbisher(
                by=request.user, user=form.cleaned_data["email"], organisation=form.cleaned_data["organisation"]
            )
        except ValidationError as error:
            show_service_error(form, error)
        else:
            return redirect("equipment:refurbishers")
    return render(
        request,
        "equipment/refurbishers.html",
        {
            "form": form,
            "refurbishers": Refurbisher.objects.filter(revoked_at=None).select_related("user"),
        },
        status=400 if form.errors else 200,
    )
