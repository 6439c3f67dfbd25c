"""City staff's work on the directory: the verification queue, verify, refuse, hide, show, postal-code
exceptions, merge."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from associations.directory import pages
from associations.directory.forms import (
    MergeForm,
    MessageForm,
    PostalCodeExceptionForm,
)
from associations.directory.models import (
    Association,
    AssociationEvent,
)
from associations.directory.page_access import render_invalid
from associations.directory.workflow import ASSOCIATION
from solidarite.accounts.roles import require_city_staff
from solidarite.contact import town_department
from solidarite.forms import error_text, show_service_error


@login_required
def verification_queue(request):
    require_city_staff(request.user)
    pending = (
        Association.objects.filter(merged_into__isnull=True)
        .filter(Q(status=Association.Status.PENDING) | Q(hidden=True))
        .select_related("quartier", "created_by")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=AssociationEvent.objects.filter(kind=AssociationEvent.Kind.TO_CHECK),
                to_attr="details_to_check",
            )
        )
        .order_by("created_at")
    )
    # The decisions each page allows now, from its state machine.
    rows = [(association, ASSOCIATION.names(association, request.user)) for association in pending]
    return render(request, "directory/verification_queue.html", {"rows": rows})


def _staff_post(request, slug, call, done):
    require_city_staff(request.user)
    association = get_object_or_404(Association, slug=slug, merged_into__isnull=True)
    form = MessageForm(request.POST)
    form.is_valid()
    try:
        call(association=association, by=request.user, message=form.cleaned_data.get("message", ""))
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("directory:verification")
    messages.success(request, done % {"name": association.name})
    return redirect("directory:verification")


@require_POST
@login_required
def verify(request, slug):
    return _staff_post(request, slug, pages.verify, _("« %(name)s » est vérifiée."))


@require_POST
@login_required
def refuse(request, slug):
    return _staff_post(request, slug, pages.refuse, _("« %(name)s » est refusée."))


@require_POST
@login_required
def hide(request, slug):
    def call(**kwargs):
        return pages.set_hidden(hidden=True, **kwargs)

    return _staff_post(request, slug, call, _("« %(name)s » est masquée."))


@require_POST
@login_required
def show(request, slug):
    def call(**kwargs):
        return pages.set_hidden(hidden=False, **kwargs)

    return _staff_post(request, slug, call, _("« %(name)s » est de nouveau visible."))


@login_required
def postal_code_exception(request, slug):
    """Staff accept a postal code outside the town's département for one page (contact.check_in_town_department)."""
    require_city_staff(request.user)
    association = get_object_or_404(Association, slug=slug, merged_into__isnull=True)
    form = PostalCodeExceptionForm(
        request.POST or None, initial={"postal_code": association.postal_code_accepted or ""}
    )
    context = {
        "form": form,
        "association": association,
        "department": town_department(),
        "town": settings.TOWN_NAME,
    }
    if request.method == "POST":
        if form.is_valid():
            try:
                pages.accept_postal_code(
                    association=association, by=request.user, postal_code=form.cleaned_data["postal_code"]
                )
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("Exception au code postal enregistrée."))
                return redirect(association)
        return render_invalid(request, "directory/postal_code_form.html", context)
    return render(request, "directory/postal_code_form.html", context)


@require_POST
@login_required
def merge(request, slug):
    require_city_staff(request.user)
    duplicate = get_object_or_404(Association, slug=slug, merged_into__isnull=True)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez la page dans laquelle fusionner."))
        return redirect("directory:verification")
    try:
        into = pages.merge(
            duplicate=duplicate, into=form.cleaned_data["into"], by=request.user, message=form.cleaned_data["message"]
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("directory:verification")
    messages.success(
        request,
        _("« %(duplicate)s » est fusionnée dans « %(name)s ».") % {"duplicate": duplicate.name, "name": into.name},
    )
    return redirect(into)
