"""Pages of the library of things: the catalogue, an item (book it, wait for it), my loans, and the
managers' page (hand over, take back). No JavaScript needed; every write goes through ``services``."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidarite.forms import error_text, show_service_error
from solidarite.lending import roles, services
from solidarite.lending.forms import BookForm, CategoryFilter, HandoverForm
from solidarite.lending.models import Item, ItemPhoto, Loan, WaitEntry
from solidarite.lending.workflow import LOAN, manages

# How many days of an item's calendar its page shows.
CALENDAR_DAYS = 60
HANDOVER_STEPS = {"remettre": ("hand_over", False), "reprendre": ("take_back", True)}


@require_GET
def items(request):
    choice = CategoryFilter(request.GET or None)
    found = Item.objects.catalogue().select_related("lender__quartier").order_by("category", "name")
    category = choice.cleaned_data["categorie"] if choice.is_valid() else ""
    if category:
        found = found.filter(category=category)
    return render(
        request,
        "lending/items.html",
        {"filter": choice, "items": found[:300], "manages": roles.lenders_managed_by(request.user).exists()},
    )


def _item(slug) -> Item:
    return get_object_or_404(Item.objects.catalogue().select_related("lender__quartier"), slug=slug)


@require_http_methods(["GET", "POST"])
def item(request, slug):
    item = _item(slug)
    form = BookForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{_login_url()}?next={item.get_absolute_url()}")
        if form.is_valid():
            try:
                loan = services.book_days(item=item, borrower=request.user, **form.cleaned_data)
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("C'est réservé : « %(item)s », retrait le %(first)s à %(where)s.")
                    % {"item": item.name, "first": services._day(loan.first_day), "where": item.where},
                )
                return redirect("lending:my_loans")
        status = 400
    today = services.today()
    history = (
        item.loans.filter(handovers__isnull=False)
        .values("handovers__at", "handovers__direction", "handovers__condition")
        .order_by("-handovers__at")[:10]
    )
    waiting = (
        WaitEntry.objects.filter(item=item, person=request.user).first() if request.user.is_authenticated else None
    )
    return render(
        request,
        "lending/item.html",
        {
            "item": item,
            "photos": item.photos.all(),
            "form": form,
            "taken": services.taken_periods(item, today, CALENDAR_DAYS),
            "calendar_days": CALENDAR_DAYS,
            "history": [
                {
                    "at": row["handovers__at"],
                    "direction": row["handovers__direction"],
                    "condition": dict(item._meta.get_field("condition").choices)[row["handovers__condition"]],
                }
                for row in history
            ],
            "waiting": waiting,
        },
        status=status,
    )


def _login_url():
    from django.conf import settings
    from django.shortcuts import resolve_url

    return resolve_url(settings.LOGIN_URL)


@login_required
@require_POST
def waitlist(request, slug):
    item = _item(slug)
    try:
        if request.POST.get("leave"):
            services.leave_waitlist(item=item, person=request.user)
            messages.success(request, _("Vous n'êtes plus sur la liste d'attente."))
        else:
            services.join_waitlist(item=item, person=request.user)
            messages.success(request, _("Vous êtes sur la liste d'attente : nous vous prévenons dès qu'il est rendu."))
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect(item.get_absolute_url())


@require_GET
def photo(request, slug, pk, name):
    found = get_object_or_404(ItemPhoto.objects.select_related("item__lender"), pk=pk, item__slug=slug)
    # A withdrawn item's photos: for its lender's managers only (their catalogue page shows them).
    public = found.item.is_active
    if found.file_name != name or not (public or manages(request.user, found.item.lender)):
        raise Http404
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=found.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=31536000, immutable" if public else "private, no-store"
    return response


@login_required
@require_GET
def my_loans(request):
    loans = Loan.objects.filter(borrower=request.user).select_related("item__lender").order_by("-start")[:100]
    waits = WaitEntry.objects.filter(person=request.user).select_related("item")
    return render(
        request,
        "lending/my_loans.html",
        {"loans": [(loan, LOAN.available(loan, request.user)) for loan in loans], "waits": waits},
    )


@login_required
@require_GET
def manage(request):
    lenders = list(roles.lenders_managed_by(request.user))
    if not lenders:
        raise PermissionDenied(_("Réservé aux responsables d'une objethèque."))
    horizon = services.today() + dt.timedelta(days=7)
    loans = (
        Loan.objects.active()
        .filter(
            item__lender__in=lenders, start__lt=dt.datetime.combine(horizon, dt.time(), tzinfo=services.intervals.PARIS)
        )
        .select_related("item__lender", "borrower")
        .order_by("end", "pk")[:200]
    )
    return render(
        request,
        "lending/manage.html",
        {"lenders": lenders, "loans": [(loan, LOAN.available(loan, request.user)) for loan in loans]},
    )


def _loan(pk) -> Loan:
    return get_object_or_404(Loan.objects.select_related("item__lender", "borrower"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def handover(request, pk, step):
    if step not in HANDOVER_STEPS:
        raise Http404
    name, back = HANDOVER_STEPS[step]
    loan = _loan(pk)
    if not (request.user == loan.borrower or roles.lenders_managed_by(request.user).filter(pk=loan.item.lender_id)):
        raise Http404  # a stranger learns nothing of someone's loan
    LOAN.require(loan, name, request.user)
    form = HandoverForm(request.POST or None, back=back, item=loan.item)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            do = services.take_back if back else services.hand_over
            try:
                do(loan=loan, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("C'est noté : « %(item)s » est rendu.") % {"item": loan.item.name}
                    if back
                    else _("C'est noté : « %(item)s » est prêté.") % {"item": loan.item.name},
                )
                return redirect("lending:manage")
        status = 400
    return render(request, "lending/handover.html", {"loan": loan, "form": form, "back": back}, status=status)


@login_required
@require_POST
def loan_step(request, pk, step):
    loan = _loan(pk)
    found = LOAN.by_url_name(step)
    if found is None or found.name not in ("cancel", "no_show"):
        raise Http404
    if not LOAN.roles(loan, request.user):
        raise Http404
    try:
        if found.name == "cancel":
            services.cancel(loan=loan, by=request.user, reason=request.POST.get("reason", "")[:500])
            messages.success(request, _("Le prêt est annulé."))
        else:
            services.no_show(loan=loan, by=request.user)
            messages.success(request, _("C'est noté : personne n'est venu chercher l'objet."))
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect("lending:manage" if "owner" in LOAN.roles(loan, request.user) else "lending:my_loans")
