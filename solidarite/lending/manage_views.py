"""The lenders' pages for their catalogue: their items (added, edited, withdrawn, put back), each item's photos
with their alt text, and each item's loans (handed over and taken back with the condition seen, late).
No JavaScript needed; every write goes through ``catalogue`` (items) or ``services`` (loans).

Who: the managers of the item's lender (``roles.require_manager``). Someone who manages no lender is refused
(403); an item of another lender is refused when it is public (403), invisible when withdrawn (404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidarite.forms import error_text, show_service_error
from solidarite.lending import catalogue, roles
from solidarite.lending.forms import ItemForm, ItemPhotoForm
from solidarite.lending.models import Item, ItemPhoto, Loan
from solidarite.lending.workflow import BORROWER, LOAN, OWNER, manages

ITEM_LOANS_SHOWN = 30
STATE_STEPS = {"retirer": "withdraw", "remettre-en-pret": "restore"}


def _lenders(request) -> list:
    lenders = list(roles.lenders_managed_by(request.user))
    if not lenders:
        raise PermissionDenied(_("Réservé aux responsables d'une objethèque."))
    return lenders


def _managed_item(request, slug) -> Item:
    item = get_object_or_404(Item.objects.select_related("lender__association"), slug=slug)
    if not manages(request.user, item.lender):
        if not item.is_active:
            raise Http404  # a withdrawn item is nobody else's business
        raise PermissionDenied(_("Réservé aux responsables de ce prêteur."))
    return item


@login_required
@require_GET
def items(request):
    lenders = _lenders(request)
    found = (
        Item.objects.filter(lender__in=lenders)
        .select_related("lender")
        .annotate(
            held=Count("loans", filter=Q(loans__status__in=Loan.ACTIVE)),
            late=Count("loans", filter=Q(loans__status=Loan.Status.LATE)),
        )
        .order_by("-is_active", "name", "pk")
    )
    return render(request, "lending/manage_items.html", {"lenders": lenders, "items": found[:500]})


@login_required
@require_http_methods(["GET", "POST"])
def item_new(request):
    lenders = _lenders(request)
    form = ItemForm(request.POST or None, lenders=lenders)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                item = catalogue.create_item(
                    by=request.user, lender=form.lenders[form.cleaned_data["lender"]], **form.item_fields()
                )
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("« %(item)s » est dans le catalogue. Ajoutez une photo avec sa description.")
                    % {"item": item.name},
                )
                return redirect("lending:manage_item", slug=item.slug)
        status = 400
    return render(request, "lending/manage_item_new.html", {"form": form}, status=status)


def _initial(item) -> dict:
    return {name: getattr(item, name) for name in catalogue.FIELDS}


def _item_page(request, item, *, form=None, photo_form=None, status=200):
    loans = (
        Loan.objects.filter(item=item)
        .select_related("item__lender", "borrower")
        .prefetch_related("handovers")
        .order_by("-start", "-pk")[:ITEM_LOANS_SHOWN]
    )
    rows = []
    for loan in loans:
        seen = {handover.direction: handover for handover in loan.handovers.all()}
        rows.append((loan, seen.get("out"), seen.get("back"), _steps(loan, request.user)))
    return render(
        request,
        "lending/manage_item.html",
        {
            "item": item,
            "form": form or ItemForm(initial=_initial(item), lenders=[item.lender], item=item),
            "photo_form": photo_form or ItemPhotoForm(),
            "photos": list(item.photos.all()),
            "loans": rows,
        },
        status=status,
    )


def _steps(loan, user) -> list:
    """``LOAN.available`` for the item's manager (checked once for the page, not once per loan)."""
    roles = {OWNER} | ({BORROWER} if loan.borrower_id == user.pk else set())
    return [step for step in LOAN if loan.status in step.sources and step.taken_by(roles)]


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, slug):
    item = _managed_item(request, slug)
    if request.method == "GET":
        return _item_page(request, item)
    form = ItemForm(request.POST, lenders=[item.lender], item=item)
    if form.is_valid():
        try:
            catalogue.update_item(by=request.user, item=item, **form.item_fields())
        except ValidationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("C'est enregistré."))
            return redirect("lending:manage_item", slug=item.slug)
    return _item_page(request, item, form=form, status=400)


@login_required
@require_POST
def photo_add(request, slug):
    item = _managed_item(request, slug)
    form = ItemPhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            catalogue.add_photo(
                by=request.user, item=item, upload=form.cleaned_data["file"], alt_text=form.cleaned_data["alt_text"]
            )
        except ValidationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("Photo ajoutée."))
            return redirect(reverse("lending:manage_item", args=[item.slug]) + "#photos-title")
    return _item_page(request, item, photo_form=form, status=400)


@login_required
@require_POST
def photo_remove(request, slug, pk):
    item = _managed_item(request, slug)
    photo = get_object_or_404(ItemPhoto.objects.select_related("item__lender"), pk=pk, item=item)
    catalogue.remove_photo(by=request.user, photo=photo)
    messages.success(request, _("Photo retirée."))
    return redirect(reverse("lending:manage_item", args=[item.slug]) + "#photos-title")


@login_required
@require_POST
def item_state(request, slug, step):
    if step not in STATE_STEPS:
        raise Http404
    item = _managed_item(request, slug)
    try:
        if STATE_STEPS[step] == "withdraw":
            cancelled = catalogue.withdraw_item(by=request.user, item=item)
            messages.success(
                request,
                _("« %(item)s » n'est plus prêté. Réservations annulées et personnes prévenues : %(n)s.")
                % {"item": item.name, "n": cancelled},
            )
        else:
            catalogue.restore_item(by=request.user, item=item)
            messages.success(request, _("« %(item)s » peut de nouveau être emprunté.") % {"item": item.name})
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect("lending:manage_item", slug=item.slug)
