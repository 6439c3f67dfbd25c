"""Pages of the people who run the épicerie: prescribers, the till, managers, city staff.

Views parse, check the role, call the service, render. The till sees what it needs and no more:
the right's end, the allowance left, the day's booked slot; never a name nor a contact.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidarite import intervals
from solidarite.accounts.roles import require_city_staff
from solidarite.grocery import services, slots
from solidarite.grocery.forms import (
    CodeForm,
    EndForm,
    OrientationForm,
    PersonForm,
    PrescriberForm,
    RenewForm,
    VisitForm,
)
from solidarite.grocery.models import EndReason, Grocery, Orientation, Prescriber, Visit
from solidarite.grocery.orientation_workflow import ORIENTATION
from solidarite.grocery.roles import require_manager, require_prescriber, require_till

# --- prescribers -------------------------------------------------------------------------------------


@login_required
@require_GET
def orientations(request):
    prescriber = require_prescriber(request.user)
    rows = (
        Orientation.objects.filter(prescriber__organisation=prescriber.organisation)
        .select_related("household__grocery")
        .order_by("-created_at")[:200]
    )
    return render(request, "grocery/orientations.html", {"prescriber": prescriber, "orientations": rows})


@login_required
@require_http_methods(["GET", "POST"])
def orient(request):
    require_prescriber(request.user)
    form = OrientationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            orientation, code = services.orient(
                by=request.user,
                grocery=data["grocery"],
                size_band=data["size_band"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                allowance=data["allowance"],
                contact=data["contact"],
                quartier=data["quartier"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Shown once, never stored in clear: the page is the only place the code can be read.
            return render(
                request,
                "grocery/code.html",
                {"orientation": orientation, "code": code, "grocery": orientation.household.grocery},
            )
    return render(request, "grocery/orient.html", {"form": form}, status=400 if form.errors else 200)


def _orientation(request, pk) -> Orientation:
    orientation = get_object_or_404(
        Orientation.objects.select_related("household__grocery", "prescriber", "quartier"), pk=pk
    )
    services.require_visible_orientation(orientation, request.user)
    return orientation


@login_required
@require_GET
def orientation_detail(request, pk):
    orientation = _orientation(request, pk)
    return render(
        request,
        "grocery/orientation.html",
        {
            "orientation": orientation,
            "steps": ORIENTATION.available(orientation, request.user),
            "renew_form": RenewForm(),
            "end_form": EndForm(),
            "allowance": services.amount_text(orientation.household.grocery, orientation.allowance),
            "log": [
                (row, _step_label(row.name), EndReason(row.reason).label if row.reason in EndReason.values else "")
                for row in orientation.log.select_related("by")
            ],
        },
    )


def _step_label(name: str) -> str:
    step = ORIENTATION.step(name)
    return str(step.label) if step else _("Orientation")


@login_required
@require_POST
def orientation_step(request, pk, step):
    orientation = _orientation(request, pk)
    found = ORIENTATION.by_url_name(step)
    if found is None or found.name not in ("renew", "end"):
        return redirect(orientation)
    try:
        if found.name == "renew":
            form = RenewForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Indiquez la nouvelle fin du droit."))
            raw = form.cleaned_data["allowance"]
            allowance = services.parse_amount(orientation.household.grocery, raw) if raw else None
            renewed = services.renew(
                by=request.user, orientation=orientation, ends_on=form.cleaned_data["ends_on"], allowance=allowance
            )
            messages.success(request, _("Droit renouvelé : même code pour le foyer."))
            return redirect(renewed)
        form = EndForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choisissez la raison dans la liste, ou aucune."))
        services.end(by=request.user, orientation=orientation, reason=form.cleaned_data["reason"])
        messages.success(request, _("Droit arrêté."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(orientation)


# --- city staff --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def prescribers(request):
    require_city_staff(request.user)
    form = PrescriberForm(request.POST or None)
    if request.method == "POST" and "revoke" in request.POST:
        found = Prescriber.objects.filter(pk=_int(request.POST["revoke"])).first()
        if found is not None:
            services.revoke_prescriber(by=request.user, prescriber=found)
            messages.success(request, _("Rôle de prescripteur·rice retiré."))
        return redirect("grocery:prescribers")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.grant_prescriber(
                by=request.user, user=data["email"], kind=data["kind"], organisation=data["organisation"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Rôle de prescripteur·rice accordé."))
            return redirect("grocery:prescribers")
    rows = Prescriber.objects.filter(revoked_at__isnull=True).select_related("user")
    return render(
        request, "grocery/prescribers.html", {"form": form, "prescribers": rows}, status=400 if form.errors else 200
    )


def _int(value) -> int:
    return int(value) if str(value).isdigit() and len(str(value)) < 19 else 0


# --- the till ----------------------------------------------------------------------------------------


def _grocery(slug) -> Grocery:
    return get_object_or_404(Grocery, slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def till(request, slug):
    """Step 1: the code shows the right and what is left. Step 2 (``montant``): the visit is recorded."""
    grocery = _grocery(slug)
    require_till(grocery, request.user)
    code_form = CodeForm(request.POST or None)
    visit_form = VisitForm(request.POST if "amount" in request.POST else None)
    household = card = None
    if request.method == "POST" and code_form.is_valid():
        try:
            household = services.find_household(
                code_form.cleaned_data["code"], who=f"till:{request.user.pk}", grocery=grocery
            )
        except ValidationError as error:
            code_form.add_error("code", error)
    if household is not None and visit_form.is_bound and visit_form.is_valid():
        try:
            amount = services.parse_amount(grocery, visit_form.cleaned_data["amount"])
            services.record_visit(by=request.user, grocery=grocery, household=household, amount=amount)
        except ValidationError as error:
            visit_form.add_error("amount", error)
        else:
            left = services.amount_text(grocery, services.card(household).left)
            messages.success(
                request,
                _("Passage enregistré : %(amount)s. Reste ce mois-ci : %(left)s.")
                % {"amount": services.amount_text(grocery, amount), "left": left},
            )
            return redirect("grocery:till", slug=grocery.slug)
    if household is not None:
        card = services.card(household)
    today = services.today()
    booked = [b for b in slots.day_bookings(grocery, today) if household is not None and b.household_id == household.pk]
    context = {
        "grocery": grocery,
        "code_form": code_form,
        "visit_form": visit_form if household is not None else VisitForm(),
        "household": household,
        "card": card,
        "valid_until": services.valid_until_text(card.valid_until) if card and card.valid else "",
        "left": services.amount_text(grocery, card.left) if card else "",
        "slot": slots.slot_text(booked[0].start, booked[0].end) if booked else "",
        "basket": getattr(booked[0], "basket", None) if booked else None,
    }
    errors = code_form.errors or (household is not None and visit_form.errors)
    return render(request, "grocery/till.html", context, status=400 if errors else 200)


# --- managers ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def volunteers(request, slug):
    grocery = _grocery(slug)
    require_manager(grocery, request.user)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and "revoke" in request.POST:
        person = grocery.volunteers.filter(pk=_int(request.POST["revoke"])).first()
        if person is not None:
            services.revoke_volunteer(by=request.user, grocery=grocery, user=person)
            messages.success(request, _("Bénévole retiré·e de la caisse."))
        return redirect("grocery:volunteers", slug=grocery.slug)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_volunteer(by=request.user, grocery=grocery, user=form.cleaned_data["email"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Bénévole ajouté·e à la caisse."))
            return redirect("grocery:volunteers", slug=grocery.slug)
    return render(
        request,
        "grocery/volunteers.html",
        {"grocery": grocery, "form": form, "volunteers": grocery.volunteers.order_by("display_name")},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def day(request, slug):
    """The day's slots: how many households are expected and have come; codes' last characters only."""
    grocery = _grocery(slug)
    require_till(grocery, request.user)
    today = services.today()
    found = slots.slots(grocery, first=today, last=today)
    begin = timezone.now().astimezone(intervals.PARIS).replace(hour=0, minute=0, second=0, microsecond=0)
    visits = Visit.objects.filter(grocery=grocery, at__gte=begin)
    return render(
        request,
        "grocery/day.html",
        {
            "grocery": grocery,
            "today": today,
            "slots": found,
            "bookings": slots.day_bookings(grocery, today),
            "visits": visits.count(),
            "is_manager": grocery.is_manager(request.user),
        },
    )
