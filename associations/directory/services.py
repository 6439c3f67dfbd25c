"""Every write of the directory: one function per use case, called by views, the API and commands alike.

Permission is checked here (``PermissionDenied``), input is validated here (``ValidationError`` with French
messages, nothing saved), and people are told after commit through ``notify``.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from associations.directory.models import Action, Association, AssociationEvent, Membership, Participation
from associations.directory.text import sanitize_html
from associations.directory.validators import normalize_rna, normalize_siret
from solidarite.accounts.roles import can_post, is_city_staff
from solidarite.notifications.services import notify

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


def _require_poster(user):
    if not can_post(user):
        raise PermissionDenied(_("Connectez-vous avec un compte actif pour faire cela."))


def _require_manager(user, association):
    if not can_manage(user, association):
        raise PermissionDenied(_("Seuls les responsables de l'association peuvent faire cela."))


def _require_staff(user):
    if not is_city_staff(user):
        raise PermissionDenied(_("Seuls les agents de la ville peuvent faire cela."))


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


def _managers(association):
    return [m.user for m in association.memberships.filter(role=Membership.Role.MANAGER).select_related("user")]


def _tell_managers(association, kind, title, body="", exclude=None):
    url = association.get_absolute_url()
    for manager in _managers(association):
        if manager != exclude:
            notify(manager, kind, {"title": title, "body": body, "url": url})


@transaction.atomic
def request_association(*, by, tags=None, **fields) -> Association:
    """A neighbour asks for a page; they become its first manager and staff will verify it."""
    _require_poster(by)
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


# The page's state machine: transition name -> (allowed source states, target state).
TRANSITIONS = {
    "verify": ({Association.Status.PENDING, Association.Status.REFUSED}, Association.Status.VERIFIED),
    "refuse": ({Association.Status.PENDING, Association.Status.VERIFIED}, Association.Status.REFUSED),
}


def _transition(association, name, by, message):
    _require_staff(by)
    sources, target = TRANSITIONS[name]
    association = Association.objects.select_for_update().get(pk=association.pk)
    if association.status not in sources:
        raise ValidationError(_("Cette page est déjà « %(status)s ».") % {"status": association.get_status_display()})
    association.status = target
    association.verified_at = timezone.now() if target == Association.Status.VERIFIED else None
    association.save(update_fields=["status", "verified_at", "updated_at"])
    return association


@transaction.atomic
def verify(*, association, by, message: str = "") -> Association:
    association = _transition(association, "verify", by, message)
    _log(association, AssociationEvent.Kind.VERIFIED, by, message)
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
    _log(association, AssociationEvent.Kind.REFUSED, by, message)
    _tell_managers(
        association, "directory.refused", _("La page « %(name)s » est refusée") % {"name": association.name}, message
    )
    return association


@transaction.atomic
def set_hidden(*, association, by, hidden: bool, message: str = "") -> Association:
    _require_staff(by)
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
    _require_staff(by)
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


@transaction.atomic
def add_manager(*, association, by, user) -> Membership:
    """A manager (or staff) makes another neighbour a manager of the page."""
    if not (can_manage(by, association) or is_city_staff(by)):
        raise PermissionDenied(_("Seuls les responsables de l'association peuvent ajouter un·e responsable."))
    if not user.is_active or user.is_suspended:
        raise ValidationError({"email": _("Ce compte ne peut pas devenir responsable pour le moment.")})
    membership, created = Membership.objects.get_or_create(
        association=association, user=user, defaults={"role": Membership.Role.MANAGER}
    )
    if not created and membership.role == Membership.Role.MANAGER:
        raise ValidationError({"email": _("Cette personne est déjà responsable de l'association.")})
    if not created:
        membership.role = Membership.Role.MANAGER
        membership.save(update_fields=["role"])
    _log(association, AssociationEvent.Kind.MANAGER_ADDED, by, user.public_name)
    notify(
        user,
        "directory.manager_added",
        {
            "title": _("Vous êtes responsable de « %(name)s »") % {"name": association.name},
            "body": _("%(who)s vous a ajouté·e comme responsable.") % {"who": by.public_name},
            "url": association.get_absolute_url(),
        },
    )
    return membership


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
            _("Vous êtes le ou la dernière responsable : ajoutez d'abord une autre personne avant de partir.")
        )
    mine.delete()
    _log(association, AssociationEvent.Kind.MANAGER_LEFT, user, user.public_name)
    _tell_managers(
        association,
        "directory.manager_left",
        _("%(who)s n'est plus responsable de « %(name)s »") % {"who": user.public_name, "name": association.name},
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
    if action.starts_at and action.ends_at and action.ends_at <= action.starts_at:
        errors["ends_at"] = _("La fin doit venir après le début.")
    elif action.starts_at and action.ends_at and action.ends_at - action.starts_at > dt.timedelta(days=31):
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
    _require_poster(user)
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
            _("%(who)s donne un coup de main pour « %(title)s »") % {"who": user.public_name, "title": action.title},
            exclude=user,
        )
    return participation


@transaction.atomic
def withdraw(*, action, user, kind: str) -> None:
    _require_poster(user)
    Participation.objects.filter(action=action, user=user, kind=kind).delete()


def participants(*, action, viewer):
    """Who comes and who helps: for the association's managers (and staff) only."""
    if not (can_manage(viewer, action.association) or is_city_staff(viewer)):
        raise PermissionDenied(_("Seuls les responsables de l'association voient la liste."))
    return action.participations.select_related("user").order_by("kind", "created_at")
