"""Pages of the mandates (mediators, residents, staff) and of the mediators' grants (staff).

No JavaScript: every action is a form that posts. A mandate is seen by the mediators of its
structure, its resident (with an account) and city staff; anyone else gets a 404 (its existence is
not revealed). The print page is plain: the resident takes home what was done in their name.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidarite.accounts.roles import require_city_staff
from solidarite.rights import mandates
from solidarite.rights.mandate_forms import GrantForm, MandateForm, RevokeForm
from solidarite.rights.mandate_models import Mandate, MediatorGrant
from solidarite.rights.mandate_workflow import MANDATE


def _visible(request, pk) -> Mandate:
    mandate = (
        Mandate.objects.visible_to(request.user).filter(pk=pk).select_related("structure", "resident", "recorded_by")
    ).first()
    if mandate is None:
        raise Http404(_("Ce mandat n'existe pas, ou vous ne pouvez pas le voir."))
    return mandate


@login_required
@require_GET
def mandate_list(request):
    rows = Mandate.objects.visible_to(request.user).select_related("structure", "resident").order_by("status", "-pk")
    return render(
        request,
        "rights/mandate_list.html",
        {"mandates": rows[:200], "is_mediator": mandates.is_mediator(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def mandate_create(request):
    if not mandates.is_mediator(request.user):
        raise PermissionDenied(_("Seul·es les médiateur·rices enregistrent des mandats."))
    form = MandateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            mandate = form.save()
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Mandat enregistré. Imprimez-le ou lisez-le à la personne."))
            return redirect(mandate)
    return render(request, "rights/mandate_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def mandate_detail(request, pk):
    mandate = _visible(request, pk)
    return render(
        request,
        "rights/mandate_detail.html",
        {
            "mandate": mandate,
            "steps": MANDATE.available(mandate, request.user),
            "revoke_form": RevokeForm(),
            "acts": mandate.acts.select_related("by"),
            "log": mandate.log.select_related("by"),
            "may_act": mandate.is_current(mandates.today()) and "mediator" in MANDATE.roles(mandate, request.user),
        },
    )


@login_required
@require_POST
def mandate_step(request, pk, step):
    mandate = _visible(request, pk)
    found = MANDATE.by_url_name(step)
    if found is None or found.name != "revoke":  # expiry is the platform's, never a page's
        raise Http404(_("Action inconnue."))
    form = RevokeForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        mandates.revoke(mandate=mandate, by=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Mandat révoqué : le nom et le téléphone de la personne sont effacés."))
    return redirect(mandate)


@login_required
@require_GET
def mandate_print(request, pk):
    mandate = _visible(request, pk)
    return render(
        request,
        "rights/mandate_print.html",
        {"mandate": mandate, "acts": mandate.acts.select_related("by"), "log": mandate.log.select_related("by")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def mediators(request):
    require_city_staff(request.user)
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant = mandates.grant_mediator(
                by=request.user, user=form.cleaned_data["user"], association=form.cleaned_data["association"]
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("%(who)s est médiateur·rice de %(structure)s.")
                % {"who": grant.user.display_name, "structure": grant.association.name},
            )
            return redirect("rights:mediators")
    grants = MediatorGrant.objects.select_related("user", "association").order_by("association__name", "user__email")
    effective = set(MediatorGrant.objects.effective().values_list("pk", flat=True))
    return render(
        request,
        "rights/mediators.html",
        {"form": form, "grants": [(grant, grant.pk in effective) for grant in grants]},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def mediator_withdraw(request, pk):
    require_city_staff(request.user)
    grant = get_object_or_404(MediatorGrant.objects.select_related("user", "association"), pk=pk)
    mandates.withdraw_mediator(by=request.user, grant=grant)
    messages.success(request, _("Rôle de médiateur·rice retiré."))
    return redirect("rights:mediators")
