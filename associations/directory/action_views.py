"""Pages of an association's actions: publish, read, edit, cancel, and neighbours joining them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from associations.directory import actions, editing, schema_org
from associations.directory.forms import (
    ActionForm,
    CancelForm,
    ParticipationForm,
)
from associations.directory.models import (
    Action,
    Association,
    Participation,
)
from associations.directory.page_access import managed_association, render_invalid
from solidarite.accounts.roles import can_post
from solidarite.forms import error_text, show_service_error


@login_required
def action_create(request, slug):
    association = managed_association(request, slug)
    form = ActionForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                action = actions.publish_action(association=association, by=request.user, **form.service_fields())
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("L'action est publiée dans l'agenda."))
                return redirect(action)
        return render_invalid(request, "directory/action_form.html", {"form": form, "association": association})
    return render(request, "directory/action_form.html", {"form": form, "association": association})


def _action_for(request, pk):
    action = get_object_or_404(Action.objects.select_related("association", "quartier"), pk=pk)
    # Same visibility as the association's page: a hidden page's actions are not public either.
    if not Association.objects.visible_to(request.user).filter(pk=action.association_id).exists():
        raise Http404
    return action


def action_detail(request, pk):
    action = _action_for(request, pk)
    association = action.association
    is_manager = editing.can_manage(request.user, association)
    mine = set()
    if request.user.is_authenticated:
        mine = set(action.participations.filter(user=request.user).values_list("kind", flat=True))
    counts = dict(action.participations.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    people = actions.participants(action=action, viewer=request.user) if is_manager else None
    now = timezone.now()
    return render(
        request,
        "directory/action_detail.html",
        {
            "action": action,
            "association": association,
            "tags": list(action.tags.all()),
            "is_manager": is_manager,
            "can_post": can_post(request.user),
            "mine": mine,
            "attend_count": counts.get(Participation.Kind.ATTEND, 0),
            "volunteer_count": counts.get(Participation.Kind.VOLUNTEER, 0),
            "people": people,
            "upcoming": action.occurrence_starts(start=now)[:8],
            "is_past": action.last_ends_at < now,
            "jsonld": schema_org.event(action),
            "cancel_form": CancelForm(),
        },
    )


@login_required
def action_edit(request, pk):
    action = _action_for(request, pk)
    if not editing.can_manage(request.user, action.association):
        raise PermissionDenied
    form = ActionForm(request.POST or None, instance=Action.objects.get(pk=action.pk))
    context = {"form": form, "association": action.association, "action": action}
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.update_action(action=action, by=request.user, **form.service_fields())
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("L'action est à jour."))
                return redirect(action)
        return render_invalid(request, "directory/action_form.html", context)
    return render(request, "directory/action_form.html", context)


@require_POST
@login_required
def action_cancel(request, pk):
    action = _action_for(request, pk)
    form = CancelForm(request.POST)
    form.is_valid()
    actions.cancel_action(action=action, by=request.user, reason=form.cleaned_data.get("reason", ""))
    messages.success(request, _("L'action est annulée ; les personnes inscrites sont prévenues."))
    return redirect(action)


@require_POST
@login_required
def participate(request, pk):
    action = _action_for(request, pk)
    form = ParticipationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choix inconnu."))
        return redirect(action)
    try:
        actions.participate(action=action, user=request.user, kind=form.cleaned_data["kind"])
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("C'est noté, merci !"))
    return redirect(action)


@require_POST
@login_required
def withdraw(request, pk):
    action = _action_for(request, pk)
    form = ParticipationForm(request.POST)
    if form.is_valid():
        actions.withdraw(action=action, user=request.user, kind=form.cleaned_data["kind"])
        messages.success(request, _("C'est noté : vous n'êtes plus inscrit·e."))
    return redirect(action)
