"""Help requests: post, edit, close; how a request ends (closed, expired, hidden) and what that
withdraws. Matching runs after the post's commit (``alerts.match_request``)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.accounts.roles import require_poster
from solidarite.contact import normalize_phone, validate_phone
from solidarite.help.alerts import match_request
from solidarite.help.checks import (
    CANNOT_POST,
    MAX_WINDOW_DAYS,
    check_post_rate,
    clean_category,
    clean_tags,
    clean_text,
    locate,
    public_location,
)
from solidarite.help.feeds import push_public_on_commit
from solidarite.help.matches import move
from solidarite.help.models import HelpRequest, Match
from solidarite.help.workflow import REQUEST


def post_request(
    *,
    by,
    category,
    description,
    window_start,
    window_end,
    urgency="normal",
    quartier=None,
    point=None,
    tags=(),
    resident_name="",
    resident_phone="",
    resident_consent=False,
) -> HelpRequest:
    require_poster(by, CANNOT_POST)
    errors = {}
    category = clean_category(category, errors)
    description = clean_text(description, errors)
    tags = clean_tags(tags, errors)
    private, quartier = locate(quartier=quartier, point=point, errors=errors)
    now = timezone.now()
    if window_start is None or window_end is None:
        errors["window_end"] = _("Indiquez quand vous avez besoin d'aide.")
    elif window_end <= window_start:
        errors["window_end"] = _("La fin doit venir après le début.")
    elif window_end <= now:
        errors["window_end"] = _("Cette période est déjà passée.")
    elif window_end - max(window_start, now) > timedelta(days=MAX_WINDOW_DAYS):
        errors["window_end"] = _("Une demande couvre %(n)s jours au plus.") % {"n": MAX_WINDOW_DAYS}
    if urgency not in dict(HelpRequest._meta.get_field("urgency").choices):
        errors["urgency"] = _("Urgence inconnue.")
    resident_name, resident_phone = (resident_name or "").strip(), (resident_phone or "").strip()
    if resident_name or resident_phone:
        if not by.is_mediator:
            errors["resident_name"] = _("Seul·es les médiateur·rices publient pour une autre personne.")
        elif not resident_name:
            errors["resident_name"] = _("Indiquez le nom de la personne aidée.")
        elif len(resident_name) > 100:
            errors["resident_name"] = _("Nom trop long.")
        try:
            validate_phone(resident_phone)
        except ValidationError as error:
            errors["resident_phone"] = error.messages
        resident_phone = normalize_phone(resident_phone)
        if not resident_consent:
            errors["resident_consent"] = _("Recueillez d'abord l'accord de la personne.")
    if errors:
        raise ValidationError(errors)
    check_post_rate(by)
    shown = public_location(private)
    with transaction.atomic():
        help_request = HelpRequest.objects.create(
            author=by,
            category=category,
            description=description,
            window_start=window_start,
            window_end=window_end,
            urgency=urgency,
            latitude=private.lat,
            longitude=private.lon,
            public_latitude=shown.lat,
            public_longitude=shown.lon,
            quartier=quartier,
            resident_name=resident_name,
            resident_phone=resident_phone,
            consent_recorded_at=now if resident_name else None,
            consent_recorded_by=by if resident_name else None,
        )
        if tags:
            help_request.tags.set(tags)
        transaction.on_commit(lambda: match_request(help_request=help_request, tag_names=tags))
        push_public_on_commit("posted", help_request)
    return help_request


def update_request(*, help_request, by, description, urgency, tags=()) -> HelpRequest:
    if not REQUEST.may(REQUEST.step("edit"), help_request, by):
        raise PermissionDenied(_("Seul·e l'auteur·rice modifie sa demande."))
    require_poster(by, CANNOT_POST)
    errors = {}
    description = clean_text(description, errors)
    tags = clean_tags(tags, errors)
    if urgency not in dict(HelpRequest._meta.get_field("urgency").choices):
        errors["urgency"] = _("Urgence inconnue.")
    if not REQUEST.can(help_request, "edit"):
        errors["__all__"] = _("Cette demande n'est plus ouverte.")
    if errors:
        raise ValidationError(errors)
    help_request.description, help_request.urgency = description, urgency
    help_request.save(update_fields=["description", "urgency", "updated_at"])
    help_request.tags.set(tags)
    return help_request


@transaction.atomic
def close_request(*, help_request, by) -> HelpRequest:
    """The author withdraws a request that still waits for help (status open).

    A request with an accepted match is met (the dashboard counts it so): closing it would turn
    a met need into an unmet one. Its author either says the help took place (the match's
    ``mark_done``) or withdraws from the match, which reopens the request, and then closes it.
    Closing a closed request again changes nothing (a second click)."""
    if not REQUEST.may(REQUEST.step("close"), help_request, by):
        raise PermissionDenied(_("Seul·e l'auteur·rice ferme sa demande."))
    # Lock the row: an acceptance running at the same time waits for us, then sees "closed".
    current = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    help_request.status = current.status
    if current.status == HelpRequest.Status.CLOSED:
        return help_request
    if REQUEST.can(current, "done"):  # matched: met, ended on its match (see help.workflow)
        raise ValidationError(
            _(
                "Un·e voisin·e vous aide déjà : sur la page de la mise en relation, indiquez que l'aide a eu lieu, "
                "ou retirez-vous de la mise en relation avant de fermer la demande."
            )
        )
    end_request(help_request, "close", by=by, reason=_("demande fermée"))
    return help_request


def end_request(help_request, step, *, by, reason):
    REQUEST.move(help_request, step, by=by)
    withdraw_pending(help_request.matches, by=by, reason=reason)
    push_public_on_commit("removed", help_request)


def withdraw_pending(matches, *, by, reason):
    for match in matches.filter(status__in=[Match.Status.PROPOSED, Match.Status.OFFERED]):
        move(match, "withdraw", by=by, reason=reason)
