"""Every write of the directory: one function per use case, called by views, the API and commands alike.

Permission is checked here (``PermissionDenied``), input is validated here (``ValidationError`` with French
messages, nothing saved), and people are told after commit through ``notify``.
"""

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from associations.directory import notices
from associations.directory.models import (
    Action,
    Association,
    AssociationEvent,
    ManagerInvitation,
    Membership,
    Participation,
)
from associations.directory.text import sanitize_html
from associations.directory.validators import normalize_rna, normalize_siret
from associations.directory.workflow import ASSOCIATION
from solidarite.accounts.models import User
from solidarite.accounts.roles import can_post, is_city_staff, require_city_staff, require_poster
from solidarite.contact import validate_postal_code
from solidarite.notifications.services import notify

logger = logging.getLogger(__name__)

ASSOCIATION_FIELDS = {
    "name",
    "rna",
    "siret",
    "purpose",
    "email",
    "phone",
    "website",
    "address",
    "postal_code",
    "city",
    "latitude",
    "longitude",
    "quartier",
    "opening_hours",
    "membership_fee",
    "accessibility",
    "accepts_volunteers",
}
ACTION_FIELDS = {
    "title",
    "kind",
    "description",
    "starts_at",
    "ends_at",
    "recurrence",
    "recurrence_until",
    "place_name",
    "address",
    "latitude",
    "longitude",
    "quartier",
    "wants_volunteers",
    "volunteers_needed",
}
# A recurring action is expanded in the agenda and the iCalendar feed: keep that bounded.
MAX_RECURRENCE_DAYS = 366


# --- permissions -------------------------------------------------------------------------------


def can_manage(user, association) -> bool:
    return can_post(user) and association.is_manager(user)


def _require_manager(user, association):
    if not can_manage(user, association):
        raise PermissionDenied(_("Seuls les responsables de l'association peuvent faire cela."))


# --- associations ------------------------------------------------------------------------------


def _unique_slug(name: str, exclude_pk=None) -> str:
    base = slugify(name)[:200] or "association"
    slug, n = base, 2
    while Association.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply_association_fields(association, fields: dict):
    unknown = set(fields) - ASSOCIATION_FIELDS - {"tags"}
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        if name == "tags":
            continue
        if name == "rna":
            value = normalize_rna(value)
        elif name == "siret":
            value = normalize_siret(value)
        elif isinstance(value, str):
            value = value.strip()
        setattr(association, name, "" if value is None and name not in {"latitude", "longitude", "quartier"} else value)
    if (association.latitude is None) != (association.longitude is None):
        raise ValidationError({"latitude": _("Donnez la latitude et la longitude, ou aucune des deux.")})
    _fill_quartier(association)


def _fill_quartier(place):
    if place.quartier_id is None and place.latitude is not None and place.longitude is not None:
        from solidarite.places.geo import Point
        from solidarite.places.models import Quartier

        try:
            place.quartier = Quartier.objects.nearest(Point(place.latitude, place.longitude))
        except ValueError:
            raise ValidationError({"latitude": _("Ces coordonnées ne sont pas valides.")}) from None


def _clean_tags(tags) -> list[str]:
    if tags is None:
        return []
    if isinstance(tags, str):
        tags = tags.split(",")
    cleaned = []
    for tag in tags:
        name = str(tag).strip()[:100]
        if name and name.lower() not in {t.lower() for t in cleaned}:
            cleaned.append(name)
    return cleaned[:12]


def _save_with_tags(obj, tags):
    obj.full_clean()
    obj.save()
    if tags is not None:
        names = _clean_tags(tags)
        obj.tags.set(names, clear=True)
        obj.set_search_text(names)
        type(obj).objects.filter(pk=obj.pk).update(search_text=obj.search_text)


def _log(association, kind, by, message=""):
    return AssociationEvent.objects.create(association=association, kind=kind, actor=by, message=message)


def _tell_managers(association, kind, title, body="", exclude=None):
    """``title``: a text, or a payload of ``notices.about`` (a text that names someone)."""
    url = association.get_absolute_url()
    text = title if isinstance(title, dict) else {"title": title, "body": body}
    for manager in association.managers_to_notify():
        if manager != exclude:
            notify(manager, kind, {**text, "url": url})


@transaction.atomic
def request_association(*, by, tags=None, **fields) -> Association:
    """A neighbour asks for a page; they become its first manager and staff will verify it."""
    require_poster(by)
    if not fields.get("rna") and not fields.get("siret"):
        raise ValidationError(
            {"rna": _("Indiquez le numéro RNA (W suivi de 9 chiffres) ou le SIRET de l'association.")}
        )
    association = Association(status=Association.Status.PENDING, created_by=by)
    _apply_association_fields(association, fields)
    association.slug = _unique_slug(association.name)
    _check_duplicate_identifiers(association)
    _save_with_tags(association, tags if tags is not None else [])
    Membership.objects.create(association=association, user=by, role=Membership.Role.MANAGER)
    _log(association, AssociationEvent.Kind.REQUESTED, by)
    return association


def _check_duplicate_identifiers(association):
    others = Association.objects.exclude(pk=association.pk).filter(merged_into__isnull=True)
    if association.rna and others.filter(rna=association.rna).exists():
        raise ValidationError(
            {"rna": _("Une page existe déjà pour ce numéro RNA : demandez à ses responsables de vous ajouter.")}
        )
    if association.siret and others.filter(siret=association.siret).exists():
        raise ValidationError(
            {"siret": _("Une page existe déjà pour ce SIRET : demandez à ses responsables de vous ajouter.")}
        )


@transaction.atomic
def update_association(*, association, by, tags=None, **fields) -> Association:
    _require_manager(by, association)
    association = Association.objects.select_for_update().get(pk=association.pk)
    _apply_association_fields(association, fields)
    _check_duplicate_identifiers(association)
    _save_with_tags(association, tags)
    return association


def _transition(association, name, by, message):
    """A step of ``workflow.ASSOCIATION``: staff only, from the states it allows; logged."""
    ASSOCIATION.require(association, name, by)
    association = Association.objects.select_for_update().get(pk=association.pk)
    ASSOCIATION.check(association, name, by)
    ASSOCIATION.move(association, name, by=by, reason=message, save_fields=["verified_at"])
    return association


@transaction.atomic
def verify(*, association, by, message: str = "") -> Association:
    association = _transition(association, "verify", by, message)
    _tell_managers(
        association,
        "directory.verified",
        _("La page « %(name)s » est vérifiée") % {"name": association.name},
        message,
    )
    return association


@transaction.atomic
def refuse(*, association, by, message: str) -> Association:
    if not (message or "").strip():
        raise ValidationError({"message": _("Expliquez en quelques mots pourquoi la page est refusée.")})
    association = _transition(association, "refuse", by, message)
    _tell_managers(
        association, "directory.refused", _("La page « %(name)s » est refusée") % {"name": association.name}, message
    )
    return association


@transaction.atomic
def accept_postal_code(*, association, by, postal_code: str) -> Association:
    """Staff say that this postal code, outside the town's département, is right for this page (a federation's
    seat, a commune on the border): its managers may then save it. An empty code withdraws the exception."""
    require_city_staff(by)
    postal_code = (postal_code or "").strip()
    validate_postal_code(postal_code)
    association = Association.objects.select_for_update().get(pk=association.pk)
    if (association.postal_code_accepted or "") == postal_code:
        return association
    association.postal_code_accepted = postal_code or None
    association.save(update_fields=["postal_code_accepted", "updated_at"])
    _log(association, AssociationEvent.Kind.POSTAL_CODE_ACCEPTED, by, postal_code or _("exception retirée"))
    if postal_code:
        _tell_managers(
            association,
            "directory.postal_code_accepted",
            _("La ville accepte le code postal %(code)s pour « %(name)s »")
            % {"code": postal_code, "name": association.name},
            _("Vous pouvez maintenant l'enregistrer sur la page de l'association."),
        )
    return association


@transaction.atomic
def set_hidden(*, association, by, hidden: bool, message: str = "") -> Association:
    require_city_staff(by)
    association = Association.objects.select_for_update().get(pk=association.pk)
    if association.hidden == hidden:
        return association
    association.hidden = hidden
    association.save(update_fields=["hidden", "updated_at"])
    _log(association, AssociationEvent.Kind.HIDDEN if hidden else AssociationEvent.Kind.SHOWN, by, message)
    if hidden:
        _tell_managers(
            association,
            "directory.hidden",
            _("La page « %(name)s » est masquée par la ville") % {"name": association.name},
            message,
        )
    return association


@transaction.atomic
def merge(*, duplicate, into, by, message: str = "") -> Association:
    """Staff fold a duplicate page into the right one: managers and actions move, the duplicate redirects."""
    require_city_staff(by)
    if duplicate.pk == into.pk:
        raise ValidationError(_("Une page ne peut pas être fusionnée avec elle-même."))
    duplicate = Association.objects.select_for_update().get(pk=duplicate.pk)
    into = Association.objects.select_for_update().get(pk=into.pk)
    if into.merged_into_id or duplicate.merged_into_id:
        raise ValidationError(_("Cette page a déjà été fusionnée."))
    existing = set(into.memberships.values_list("user_id", flat=True))
    for membership in duplicate.memberships.all():
        if membership.user_id in existing:
            if membership.role == Membership.Role.MANAGER:
                into.memberships.filter(user_id=membership.user_id).update(role=Membership.Role.MANAGER)
            membership.delete()
        else:
            membership.association = into
            membership.save(update_fields=["association"])
    duplicate.actions.update(association=into)
    # Accepting would make someone manager of a page nobody sees: the managers of ``into`` invite again.
    duplicate.manager_invitations.open().update(revoked_at=timezone.now())
    for field in ("rna", "siret", "email", "phone", "website", "address", "opening_hours"):
        if not getattr(into, field) and getattr(duplicate, field):
            setattr(into, field, getattr(duplicate, field))
    into.save()
    duplicate.merged_into = into
    duplicate.hidden = True
    duplicate.save(update_fields=["merged_into", "hidden", "updated_at"])
    _log(duplicate, AssociationEvent.Kind.MERGED, by, message or into.name)
    _tell_managers(
        into,
        "directory.merged",
        _("La page « %(duplicate)s » a été fusionnée dans « %(name)s »")
        % {"duplicate": duplicate.name, "name": into.name},
        message,
    )
    return into


# --- managers: invitations, leaving ------------------------------------------------------------

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
                "title": _("Invitation à devenir responsable de « %(name)s »") % {"name": association.name},
                "body": _("Ouvrez la page pour accepter ou refuser."),
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
    _log(association, AssociationEvent.Kind.MANAGER_ADDED, user, user.public_name)
    _tell_managers(
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
    _log(association, AssociationEvent.Kind.MANAGER_LEFT, user, user.public_name)
    _tell_managers(
        association,
        "directory.manager_left",
        notices.about(user, name=association.name),
        exclude=user,
    )


# --- actions -----------------------------------------------------------------------------------


def _apply_action_fields(action, fields: dict):
    unknown = set(fields) - ACTION_FIELDS - {"tags"}
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        if name == "tags":
            continue
        if name == "description":
            value = sanitize_html(value)
        elif isinstance(value, str):
            value = value.strip()
        if value is None and name in {"recurrence", "description", "place_name", "address"}:
            value = ""
        setattr(action, name, value)
    _check_action(action)
    _fill_quartier(action)


def _check_action(action):
    errors = {}
    # Instants, not wall times: two Paris datetimes compare by wall clock, blind to the pass of the
    # repeated autumn hour.
    start, end = (value.astimezone(dt.UTC) if value else None for value in (action.starts_at, action.ends_at))
    if start and end and end <= start:
        errors["ends_at"] = _("La fin doit venir après le début.")
    elif start and end and end - start > dt.timedelta(days=31):
        errors["ends_at"] = _("Une action dure au plus un mois ; pour une action régulière, choisissez une répétition.")
    if action.recurrence and not action.recurrence_until:
        errors["recurrence_until"] = _("Indiquez jusqu'à quand l'action se répète.")
    if action.recurrence and action.recurrence_until and action.starts_at:
        first_day = timezone.localtime(action.starts_at).date()
        if action.recurrence_until < first_day:
            errors["recurrence_until"] = _("La date de fin de la répétition doit venir après le début.")
        elif (action.recurrence_until - first_day).days > MAX_RECURRENCE_DAYS:
            errors["recurrence_until"] = _("Une répétition dure au plus un an ; vous pourrez la prolonger ensuite.")
    if not action.recurrence:
        action.recurrence_until = None
    if action.wants_volunteers and not action.volunteers_needed:
        errors["volunteers_needed"] = _("Indiquez combien de bénévoles vous cherchez.")
    if not action.wants_volunteers:
        action.volunteers_needed = None
    if (action.latitude is None) != (action.longitude is None):
        errors["latitude"] = _("Donnez la latitude et la longitude, ou aucune des deux.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def publish_action(*, association, by, tags=None, **fields) -> Action:
    _require_manager(by, association)
    if association.hidden or association.merged_into_id or association.status == Association.Status.REFUSED:
        raise ValidationError(_("Cette page n'est pas visible : elle ne peut pas publier d'action."))
    action = Action(association=association, created_by=by)
    _apply_action_fields(action, fields)
    if action.compute_last_ends_at() < timezone.now():
        raise ValidationError({"starts_at": _("Cette date est déjà passée.")})
    _save_with_tags(action, tags if tags is not None else [])
    return action


@transaction.atomic
def update_action(*, action, by, tags=None, **fields) -> Action:
    _require_manager(by, action.association)
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.is_cancelled:
        raise ValidationError(_("Cette action est annulée : elle ne peut plus être modifiée."))
    _apply_action_fields(action, fields)
    _save_with_tags(action, tags)
    _tell_participants(action, "directory.action_changed", _("« %(title)s » a changé") % {"title": action.title}, "")
    return action


@transaction.atomic
def cancel_action(*, action, by, reason: str = "") -> Action:
    _require_manager(by, action.association)
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.is_cancelled:
        return action
    action.status = Action.Status.CANCELLED
    action.cancel_reason = (reason or "").strip()
    action.save(update_fields=["status", "cancel_reason", "updated_at"])
    _tell_participants(
        action, "directory.action_cancelled", _("« %(title)s » est annulée") % {"title": action.title}, reason
    )
    return action


def _tell_participants(action, kind, title, body):
    users = {p.user for p in action.participations.select_related("user")}
    for user in users:
        notify(user, kind, {"title": title, "body": body, "url": action.get_absolute_url()})


@transaction.atomic
def participate(*, action, user, kind: str) -> Participation:
    """ "Je viens" or "je donne un coup de main"; saying it twice changes nothing."""
    require_poster(user)
    if kind not in Participation.Kind.values:
        raise ValidationError({"kind": _("Choix inconnu.")})
    action = Action.objects.public().filter(pk=action.pk).select_related("association").first()
    if action is None:
        raise ValidationError(_("Cette action n'existe plus."))
    if action.is_cancelled or action.last_ends_at < timezone.now():
        raise ValidationError(_("Cette action est terminée ou annulée."))
    if kind == Participation.Kind.VOLUNTEER and not action.wants_volunteers:
        raise ValidationError({"kind": _("Cette action ne cherche pas de bénévoles.")})
    existing = Participation.objects.filter(action=action, user=user, kind=kind).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            participation = Participation.objects.create(action=action, user=user, kind=kind)
    except IntegrityError:
        return Participation.objects.get(action=action, user=user, kind=kind)
    if kind == Participation.Kind.VOLUNTEER:
        _tell_managers(
            action.association,
            "directory.volunteer",
            notices.about(user, title=action.title),
            exclude=user,
        )
    return participation


@transaction.atomic
def withdraw(*, action, user, kind: str) -> None:
    require_poster(user)
    Participation.objects.filter(action=action, user=user, kind=kind).delete()


def participants(*, action, viewer):
    """Who comes and who helps: for the association's managers (and staff) only."""
    if not (can_manage(viewer, action.association) or is_city_staff(viewer)):
        raise PermissionDenied(_("Seuls les responsables de l'association voient la liste."))
    return action.participations.select_related("user").order_by("kind", "created_at")
