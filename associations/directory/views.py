"""Directory pages: thin views that parse, check permission, call services, render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from associations.directory import actions, editing, invitations, page_sections, pages, schema_org
from associations.directory.forms import (
    ActionForm,
    AssociationForm,
    CancelForm,
    InviteManagerForm,
    MergeForm,
    MessageForm,
    ParticipationForm,
    PostalCodeExceptionForm,
    apply_service_errors,
)
from associations.directory.models import (
    Action,
    Association,
    AssociationEvent,
    ManagerInvitation,
    Membership,
    Participation,
)
from associations.directory.queries import filtered_associations
from associations.directory.tagging import attach_tags
from associations.directory.workflow import ASSOCIATION
from solidarite.accounts.roles import can_post, is_city_staff, require_city_staff
from solidarite.contact import town_department
from solidarite.fragments.cache import LISTINGS, cached_part

PAGE_SIZE = 24


def map_settings() -> dict:
    lat, lon = settings.TOWN_CENTER
    return {
        "lat": str(lat),
        "lon": str(lon),
        "tiles": settings.MAP_TILES_URL,
        "attribution": settings.MAP_TILES_ATTRIBUTION,
    }


def _render_invalid(request, template, context):
    """Bad input: the form again, with its errors, and a 400."""
    return render(request, template, context, status=400)


def directory(request):
    map_view = request.GET.get("vue") == "carte"
    listing = cached_part(request, area=LISTINGS, render=lambda: _directory_listing(request.GET, map_view=map_view))
    return render(
        request,
        "directory/directory.html",
        {"listing": listing, "map_view": map_view, "can_request": can_post(request.user)},
    )


def _directory_listing(params, *, map_view: bool) -> str:
    form, qs = filtered_associations(params)
    qs = qs.select_related("quartier").order_by("name", "pk")
    page = Paginator(qs, PAGE_SIZE).get_page(params.get("page"))
    page.object_list = attach_tags(page.object_list, Association)
    markers = [
        {"name": a.name, "url": a.get_absolute_url(), "lat": a.latitude, "lon": a.longitude}
        for a in page.object_list
        if a.latitude is not None
    ]
    query = params.copy()
    query.pop("page", None)
    query.pop("vue", None)
    return render_to_string(
        "directory/_directory_listing.html",
        {
            "form": form,
            "page": page,
            "map_view": map_view,
            "markers": markers,
            "map": map_settings(),
            "query": query.urlencode(),
        },
    )


def _association_for(request, slug):
    """The page if this person may see it; 404 otherwise (hidden and refused pages are not public)."""
    return get_object_or_404(Association.objects.visible_to(request.user).select_related("quartier"), slug=slug)


def _managed(request, slug):
    association = _association_for(request, slug)
    if not editing.can_manage(request.user, association):
        raise PermissionDenied
    return association


def association_detail(request, slug):
    merged = Association.objects.filter(slug=slug, merged_into__isnull=False).select_related("merged_into").first()
    if merged and merged.merged_into.merged_into_id is None:
        return redirect(merged.merged_into, permanent=True)
    association = _association_for(request, slug)
    now = timezone.now()
    actions = attach_tags(
        association.actions.published().upcoming(now).select_related("association", "quartier"), Action
    )
    for action in actions:
        action.next_occurrence = action.next_start(now)
    actions.sort(key=lambda a: a.next_occurrence or a.starts_at)
    is_manager = editing.can_manage(request.user, association)
    return render(
        request,
        "directory/association_detail.html",
        {
            "association": association,
            "tags": list(association.tags.all()),
            "actions": actions,
            "is_manager": is_manager,
            "is_staff": is_city_staff(request.user),
            "jsonld": schema_org.organization(association, actions[:10]),
            **page_sections.context_for(association),
        },
    )


@login_required
def association_request(request):
    if not can_post(request.user):
        raise PermissionDenied
    form = AssociationForm(request.POST or None, initial={"city": "Rezé", "postal_code": "44400"})
    if request.method == "POST":
        if form.is_valid():
            try:
                association = pages.request_association(by=request.user, **form.service_fields())
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Merci ! La page est créée ; la ville la vérifiera prochainement."))
                return redirect(association)
        return _render_invalid(request, "directory/association_form.html", {"form": form, "association": None})
    return render(request, "directory/association_form.html", {"form": form, "association": None})


@login_required
def association_edit(request, slug):
    association = _managed(request, slug)
    form = AssociationForm(request.POST or None, instance=Association.objects.get(pk=association.pk))
    if request.method == "POST":
        if form.is_valid():
            try:
                pages.update_association(association=association, by=request.user, **form.service_fields())
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("La page est à jour."))
                return redirect(association)
        return _render_invalid(request, "directory/association_form.html", {"form": form, "association": association})
    return render(request, "directory/association_form.html", {"form": form, "association": association})


def _managed_or_staff(request, slug):
    association = _association_for(request, slug)
    if not (editing.can_manage(request.user, association) or is_city_staff(request.user)):
        raise PermissionDenied
    return association


@login_required
def managers(request, slug):
    """Current managers, invitations waiting for an answer, and the form to invite someone."""
    association = _managed_or_staff(request, slug)
    form = InviteManagerForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            email = form.cleaned_data["email"]
            try:
                invitations.invite_manager(association=association, by=request.user, email=email)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Invitation envoyée à %(email)s.") % {"email": email.lower()})
                return redirect("directory:managers", slug=slug)
        status = 400
    memberships = (
        association.memberships.filter(role=Membership.Role.MANAGER).select_related("user").order_by("created_at", "pk")
    )
    waiting = association.manager_invitations.open().select_related("invited_by").order_by("-sent_at", "-pk")
    return render(
        request,
        "directory/managers.html",
        {
            "association": association,
            "form": form,
            "memberships": memberships,
            "invitations": waiting,
            "is_manager": editing.can_manage(request.user, association),
        },
        status=status,
    )


@require_POST
@login_required
def invitation_revoke(request, slug, pk):
    association = _managed_or_staff(request, slug)
    invitation = get_object_or_404(association.manager_invitations, pk=pk)
    try:
        invitations.revoke_invitation(invitation=invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("L'invitation envoyée à %(email)s est annulée.") % {"email": invitation.email})
    return redirect("directory:managers", slug=slug)


def _invitation_problem(request, message, *, status, association=None, sign_out_next=""):
    """Why an invitation cannot be answered, in French, with a 4xx: never a 500, nothing changed.

    ``sign_out_next``: the wrong account is signed in; offer to sign out and come back there."""
    return render(
        request,
        "directory/invitation_problem.html",
        {"message": message, "association": association, "sign_out_next": sign_out_next},
        status=status,
    )


@require_safe
def invitation(request, token):
    """Where the e-mail's link leads: sign in (or sign up) first, then accept or decline."""
    invitation = invitations.invitation_for_token(token)
    if invitation is None:
        return _invitation_problem(
            request,
            _(
                "Ce lien d'invitation n'est pas valide. Il a peut-être été remplacé par une invitation plus "
                "récente : ouvrez le dernier e-mail reçu."
            ),
            status=404,
        )
    if not invitation.is_pending:
        return _invitation_problem(
            request, invitations.INVITATION_CLOSED[invitation.state], status=410, association=invitation.association
        )
    if request.user.is_authenticated and not invitation.is_for(request.user):
        return _invitation_problem(request, invitations.WRONG_ACCOUNT, status=403, sign_out_next=request.path)
    return render(request, "directory/invitation.html", {"invitation": invitation})


@require_safe
@login_required
def my_invitations(request):
    waiting = (
        ManagerInvitation.objects.addressed_to(request.user)
        .pending()
        .select_related("association", "invited_by")
        .order_by("-sent_at", "-pk")
    )
    return render(request, "directory/my_invitations.html", {"invitations": waiting})


def _accepted(request, invitation):
    association = invitation.association
    messages.success(request, _("Vous êtes maintenant responsable de « %(name)s ».") % {"name": association.name})
    return redirect(association)


def _declined(request, invitation):
    messages.success(
        request, _("Vous avez refusé l'invitation de « %(name)s ».") % {"name": invitation.association.name}
    )
    return redirect("directory:my_invitations")


# Answer in the URL -> (the service that records it, what the person sees next).
ANSWERS = {
    "accepter": (invitations.accept_invitation, _accepted),
    "refuser": (invitations.decline_invitation, _declined),
}


@require_POST
@login_required
def invitation_answer(request, pk, answer):
    if answer not in ANSWERS:
        raise Http404
    record, done = ANSWERS[answer]
    invitation = get_object_or_404(ManagerInvitation.objects.select_related("association"), pk=pk)
    try:
        record(invitation=invitation, user=request.user)
    except PermissionDenied as error:
        wrong_account = not invitation.is_for(request.user)
        return _invitation_problem(
            request,
            str(error),
            status=403,
            sign_out_next=reverse("directory:my_invitations") if wrong_account else "",
        )
    except ValidationError as error:
        already = error.code == ManagerInvitation.State.ACCEPTED and invitation.is_for(request.user)
        if answer == "accepter" and already and invitation.association.is_manager(request.user):
            return done(request, invitation)  # a double click: the first click did it
        return _invitation_problem(request, " ".join(error.messages), status=410, association=invitation.association)
    return done(request, invitation)


@require_POST
@login_required
def leave(request, slug):
    association = _association_for(request, slug)
    try:
        invitations.leave(association=association, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("directory:managers", slug=slug)
    messages.success(request, _("Vous n'êtes plus responsable de « %(name)s ».") % {"name": association.name})
    return redirect(association)


# --- actions -----------------------------------------------------------------------------------


@login_required
def action_create(request, slug):
    association = _managed(request, slug)
    form = ActionForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                action = actions.publish_action(association=association, by=request.user, **form.service_fields())
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("L'action est publiée dans l'agenda."))
                return redirect(action)
        return _render_invalid(request, "directory/action_form.html", {"form": form, "association": association})
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
                apply_service_errors(form, error)
            else:
                messages.success(request, _("L'action est à jour."))
                return redirect(action)
        return _render_invalid(request, "directory/action_form.html", context)
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
        messages.error(request, " ".join(error.messages))
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


# --- staff -------------------------------------------------------------------------------------


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
        messages.error(request, " ".join(error.messages))
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
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Exception au code postal enregistrée."))
                return redirect(association)
        return _render_invalid(request, "directory/postal_code_form.html", context)
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
        messages.error(request, " ".join(error.messages))
        return redirect("directory:verification")
    messages.success(
        request,
        _("« %(duplicate)s » est fusionnée dans « %(name)s ».") % {"duplicate": duplicate.name, "name": into.name},
    )
    return redirect(into)
