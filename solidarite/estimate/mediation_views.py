"""Pages of the estimate done with someone: a mediator under a mandate, the agent of a booked appointment
the person shared an estimate with, and the sharing itself (the person's consent, revocable)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from solidarite.estimate import mandate_estimates, reminders, results, sharing
from solidarite.estimate.models import Claim, SavedEstimate
from solidarite.estimate.pages import claim_rows, sharing_context
from solidarite.estimate.questionnaire import SESSION_KEY


@login_required
@require_POST
def mandate_start(request):
    """A mediator starts the questionnaire for a resident: the session's answers start afresh, under the mandate."""
    mandate = mandate_estimates.start(by=request.user, pk=request.POST.get("mandat"))
    request.session[SESSION_KEY] = {"mandate": mandate.pk}
    return redirect("estimate:step", step="foyer")


@login_required
@require_GET
def mandate_page(request, pk):
    mandate = mandate_estimates.current(request.user, pk)
    estimates = list(mandate_estimates.visible(request.user, mandate))
    rows = claim_rows(list(Claim.objects.filter(user=mandate.resident)), request.user) if mandate.resident_id else []
    return render(
        request,
        "estimate/mandate.html",
        {
            "mandate": mandate,
            "estimates": [(saved, results.lines(saved.amounts), sharing_context(saved)) for saved in estimates],
            "rows": rows,
            "choices": reminders.CHOICES,
        },
    )


@login_required
@require_POST
def mandate_estimate_delete(request, pk, estimate_pk):
    mandate_estimates.delete(by=request.user, pk=pk, estimate_pk=estimate_pk)
    messages.success(request, _("Estimation supprimée."))
    return redirect("estimate:mandate", pk=pk)


def _estimate(pk) -> SavedEstimate:
    found = SavedEstimate.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _after(request, saved):
    if saved.mandate_id and saved.user_id != request.user.pk:
        return redirect("estimate:mandate", pk=saved.mandate_id)
    return redirect("estimate:saved_detail", pk=saved.pk)


@login_required
@require_POST
def share(request, pk):
    saved = _estimate(pk)
    try:
        sharing.share(
            by=request.user,
            estimate=saved,
            appointment_pk=request.POST.get("rendez_vous", ""),
            consent=request.POST.get("accord") == "oui",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Estimation partagée avec l'agent·e du rendez-vous."))
    return _after(request, saved)


@login_required
@require_POST
def share_revoke(request, pk, share_pk):
    saved = _estimate(pk)
    try:
        sharing.revoke(by=request.user, estimate=saved, share_pk=share_pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Partage retiré : l'agent·e ne voit plus cette estimation."))
    return _after(request, saved)


@login_required
@require_GET
def shared(request, pk):
    """The agent of the appointment reads the estimate shared with it (404 for anyone else)."""
    found = sharing.for_agent(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404(_("Cette estimation n'existe pas, ou vous ne pouvez pas la voir."))
    saved = found.estimate
    rows = claim_rows(list(Claim.objects.filter(user_id=saved.user_id)), request.user) if saved.user_id else []
    return render(
        request,
        "estimate/shared.html",
        {
            "share": found,
            "saved": saved,
            "lines": results.lines(saved.amounts),
            "month": saved.month,
            "version": saved.legislation,
            "rows": rows,
            "choices": reminders.CHOICES,
        },
    )
