"""Who manages an association: the managers' page, invitations (by e-mail token, then answered signed in), leaving."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from associations.directory import editing, invitations
from associations.directory.forms import (
    InviteManagerForm,
)
from associations.directory.models import (
    ManagerInvitation,
    Membership,
)
from associations.directory.page_access import visible_association
from solidarite.accounts.roles import is_city_staff
from solidarite.forms import error_text, show_service_error


def _managed_or_staff(request, slug):
    association = visible_association(request, slug)
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
                show_service_error(form, error)
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
        messages.error(request, error_text(error))
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
        return _invitation_problem(request, error_text(error), status=410, association=invitation.association)
    return done(request, invitation)


@require_POST
@login_required
def leave(request, slug):
    association = visible_association(request, slug)
    try:
        invitations.leave(association=association, user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("directory:managers", slug=slug)
    messages.success(request, _("Vous n'êtes plus responsable de « %(name)s ».") % {"name": association.name})
    return redirect(association)
