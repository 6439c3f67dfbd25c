"""An association's actions: published, edited, cancelled; who comes and who helps."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.directory import notices
from associations.directory.editing import can_manage, fill_quartier, require_manager, save_with_tags, tell_managers
from associations.directory.models import Action, Association, Participation
from associations.directory.text import sanitize_html
from associations.directory.workflow import ACTION
from solidarite.accounts.roles import is_city_staff, require_poster
from solidarite.notifications.services import notify_many

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
    fill_quartier(action)


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
    require_manager(by, association)
    return _publish(association, by, tags, fields)


@transaction.atomic
def publish_partner_action(*, association, by, tags=None, **fields) -> Action:
    """An action a partner service publishes for an association that agreed to act for it: the épicerie
    sociale's surplus collections, by the association staff named as its collector. The partner checked
    its own rule (``by`` manages the épicerie); the association's page must still be visible."""
    return _publish(association, by, tags, fields)


def _publish(association, by, tags, fields) -> Action:
    if association.hidden or association.merged_into_id or association.status == Association.Status.REFUSED:
        raise ValidationError(_("Cette page n'est pas visible : elle ne peut pas publier d'action."))
    action = Action(association=association, created_by=by)
    _apply_action_fields(action, fields)
    if action.compute_last_ends_at() < timezone.now():
        raise ValidationError({"starts_at": _("Cette date est déjà passée.")})
    save_with_tags(action, tags if tags is not None else [])
    return action


@transaction.atomic
def update_action(*, action, by, tags=None, **fields) -> Action:
    require_manager(by, action.association)
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.is_cancelled:
        raise ValidationError(_("Cette action est annulée : elle ne peut plus être modifiée."))
    _apply_action_fields(action, fields)
    save_with_tags(action, tags)
    _tell_participants(action, "directory.action_changed")
    return action


@transaction.atomic
def cancel_action(*, action, by, reason: str = "") -> Action:
    require_manager(by, action.association)
    action = Action.objects.select_for_update().get(pk=action.pk)
    if not ACTION.can(action, "cancel"):
        return action  # cancelled already: saying it twice changes nothing
    action.cancel_reason = (reason or "").strip()
    ACTION.move(action, "cancel", by=by, save_fields=["cancel_reason"])
    _tell_participants(action, "directory.action_cancelled", reason)
    return action


def _tell_participants(action, kind, body=""):
    users = {p.user for p in action.participations.select_related("user")}
    payload = {"params": {"title": action.title}, "body": body, "url": action.get_absolute_url()}
    notify_many([(user, kind, payload) for user in users])


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
        tell_managers(
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
