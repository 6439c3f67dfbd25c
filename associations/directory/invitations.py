"""An association's managers: invitations by e-mail (sent, revoked, accepted, declined), and leaving."""

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from associations.directory import notices
from associations.directory.editing import can_manage, log_event, tell_managers
from associations.directory.models import Association, AssociationEvent, ManagerInvitation, Membership
from solidarite.accounts.models import User
from solidarite.accounts.roles import is_city_staff, require_poster
from solidarite.notifications.services import notify

logger = logging.getLogger(__name__)


INVITATION_VALID_DAYS = 14
# Limits that keep the invitation form from being used to flood mailboxes.
MAX_PENDING_INVITATIONS = 20
MAX_INVITATIONS_PER_DAY = 40
RESEND_PAUSE = dt.timedelta(hours=1)

INVITATION_CLOSED = {
    ManagerInvitation.State.ACCEPTED: gettext_lazy("Cette invitation a déjà été acceptée."),
    ManagerInvitation.State.DECLINED: gettext_lazy("Cette invitation a été refusée."),
    ManagerInvitation.State.REVOKED: gettext_lazy(
        "Cette invitation a été annulée par les responsables de l'association."
    ),
    ManagerInvitation.State.EXPIRED: gettext_lazy(
        "Cette invitation a expiré : demandez aux responsables de l'association de vous en envoyer une nouvelle."
    ),
}

WRONG_ACCOUNT = gettext_lazy(
    "Cette invitation a été envoyée à une autre adresse e-mail que celle de votre compte. "
    "Connectez-vous avec le compte qui utilise cette adresse, ou demandez une invitation à la vôtre."
)


def invitation_for_token(token: str):
    """The invitation a link points to, or None (unknown, mistyped, or replaced by a newer e-mail)."""
    if not token or len(token) > 100:
        return None
    return (
        ManagerInvitation.objects.select_related("association", "invited_by")
        .filter(token_hash=ManagerInvitation.hash_token(token))
        .first()
    )


def invitation_link(token: str) -> str:
    return settings.SITE_URL + reverse("directory:invitation", kwargs={"token": token})


def _require_manager_or_staff(user, association, message):
    if not (can_manage(user, association) or is_city_staff(user)):
        raise PermissionDenied(message)


@transaction.atomic
def invite_manager(*, association, by, email: str) -> ManagerInvitation:
    """A manager (or staff) invites someone by e-mail; inviting the same address again refreshes the invitation.

    The person gets an e-mail with a link (after commit), and a notification if an account uses the address.
    """
    _require_manager_or_staff(by, association, _("Seuls les responsables de l'association peuvent inviter."))
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Saisissez une adresse e-mail valide.")}) from None
    # The association's row is the lock: two invitations at once cannot both pass the limits below.
    association = Association.objects.select_for_update().get(pk=association.pk)
    if association.merged_into_id:
        raise ValidationError(_("Cette page a été fusionnée dans une autre : invitez depuis celle-ci."))
    if association.memberships.filter(role=Membership.Role.MANAGER, user__email=email).exists():
        raise ValidationError({"email": _("Cette personne est déjà responsable de l'association.")})
    now = timezone.now()
    invitation = association.manager_invitations.open().filter(email=email).first()
    if invitation is not None and invitation.sent_at > now - RESEND_PAUSE:
        raise ValidationError(
            {
                "email": _(
                    "Une invitation vient d'être envoyée à cette adresse : attendez une heure avant de la renvoyer."
                )
            }
        )
    if invitation is None:
        if association.manager_invitations.pending(now).count() >= MAX_PENDING_INVITATIONS:
            raise ValidationError(
                _("Déjà %(count)s invitations attendent une réponse : annulez-en une avant d'en envoyer une autre.")
                % {"count": MAX_PENDING_INVITATIONS}
            )
        if association.manager_invitations.filter(sent_at__gt=now - dt.timedelta(days=1)).count() >= (
            MAX_INVITATIONS_PER_DAY
        ):
            raise ValidationError(_("Trop d'invitations envoyées aujourd'hui : réessayez demain."))
        invitation = ManagerInvitation(association=association, email=email, created_at=now)
    token = secrets.token_urlsafe(32)
    invitation.token_hash = ManagerInvitation.hash_token(token)
    invitation.invited_by = by
    invitation.sent_at = now
    invitation.expires_at = now + dt.timedelta(days=INVITATION_VALID_DAYS)
    invitation.save()
    invitee = User.objects.filter(email=email, is_active=True).first()
    if invitee is not None:
        # No copy of the inviter's name here: the invitation page reads it live (see personal_data).
        notify(
            invitee,
            "directory.manager_invitation",
            {
                "params": {"name": association.name},
                "url": reverse("directory:my_invitations"),
            },
        )
    transaction.on_commit(lambda: _send_invitation(invitation, token))
    return invitation


def _send_invitation(invitation, token: str) -> None:
    # The person invited may have no account, hence no language of their own: the site's.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "association": invitation.association,
            "inviter": invitation.invited_by.public_name if invitation.invited_by else _("Un·e responsable"),
            "email": invitation.email,
            "link": invitation_link(token),
            "expires_at": invitation.expires_at,
            "town": settings.TOWN_NAME,
        }
        subject = _("Invitation : devenez responsable de « %(name)s »") % {"name": invitation.association.name}
        body = render_to_string("directory/email/manager_invitation.txt", context)
    try:
        send_mail(subject[:150], body, None, [invitation.email])
    except Exception:  # the invitation is saved; it can be sent again from the managers page
        logger.exception("directory: could not send the invitation %s", invitation.pk)


@transaction.atomic
def revoke_invitation(*, invitation, by) -> ManagerInvitation:
    _require_manager_or_staff(
        by, invitation.association, _("Seuls les responsables de l'association peuvent annuler une invitation.")
    )
    invitation = ManagerInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state not in (ManagerInvitation.State.PENDING, ManagerInvitation.State.EXPIRED):
        raise ValidationError(INVITATION_CLOSED[invitation.state])
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


def _open_invitation_for(invitation, user):
    """Lock the invitation and check it can be answered by ``user``; raise with a French reason if not.

    The wrong account comes first, so that it learns nothing about the invitation's state.
    """
    if not invitation.is_for(user):
        raise PermissionDenied(WRONG_ACCOUNT)
    require_poster(user)
    invitation = (
        ManagerInvitation.objects.select_for_update(of=("self",))
        .select_related("association", "invited_by")
        .get(pk=invitation.pk)
    )
    if invitation.state != ManagerInvitation.State.PENDING:
        raise ValidationError(INVITATION_CLOSED[invitation.state], code=invitation.state)
    return invitation


@transaction.atomic
def accept_invitation(*, invitation, user) -> Membership:
    """The invited person becomes a manager; the row lock makes a second click find it already accepted."""
    invitation = _open_invitation_for(invitation, user)
    association = invitation.association
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    membership, created = Membership.objects.get_or_create(
        association=association, user=user, defaults={"role": Membership.Role.MANAGER}
    )
    if not created and membership.role == Membership.Role.MANAGER:
        return membership  # made manager meanwhile (by staff, in the admin): nothing more to say
    if not created:
        membership.role = Membership.Role.MANAGER
        membership.save(update_fields=["role"])
    log_event(association, AssociationEvent.Kind.MANAGER_ADDED, user, user.public_name)
    tell_managers(
        association,
        "directory.manager_added",
        notices.about(user, name=association.name),
        exclude=user,
    )
    return membership


@transaction.atomic
def decline_invitation(*, invitation, user) -> ManagerInvitation:
    invitation = _open_invitation_for(invitation, user)
    invitation.declined_at = timezone.now()
    invitation.save(update_fields=["declined_at"])
    inviter = invitation.invited_by
    if inviter is not None and invitation.association.is_manager(inviter):
        notify(
            inviter,
            "directory.manager_invitation_declined",
            {
                **notices.about(user, name=invitation.association.name),
                "url": reverse("directory:managers", kwargs={"slug": invitation.association.slug}),
            },
        )
    return invitation


@transaction.atomic
def leave(*, association, user) -> None:
    """A manager steps down; the last manager cannot, so that a page always has someone to answer."""
    # Lock the managers' rows so two managers leaving at once cannot both see "one other left".
    managers = list(
        Membership.objects.select_for_update()
        .filter(association=association, role=Membership.Role.MANAGER)
        .order_by("pk")
    )
    mine = next((m for m in managers if m.user_id == user.pk), None)
    if mine is None:
        raise PermissionDenied(_("Vous n'êtes pas responsable de cette association."))
    if len(managers) == 1:
        raise ValidationError(
            _(
                "Vous êtes le ou la dernière responsable : invitez d'abord une autre personne, "
                "et attendez qu'elle accepte, avant de partir."
            )
        )
    mine.delete()
    log_event(association, AssociationEvent.Kind.MANAGER_LEFT, user, user.public_name)
    tell_managers(
        association,
        "directory.manager_left",
        notices.about(user, name=association.name),
        exclude=user,
    )
