"""Help requests: post, edit, close; how a request ends (closed, expired, hidden) and what that
withdraws. Matching runs after the post's commit (``alerts.match_request``)."""

from contextlib import nullcontext
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.accounts.roles import require_poster
from solidarite.help.alerts import match_request
from solidarite.help.checks import (
    CANNOT_POST,
    MAX_WINDOW_DAYS,
    check_post_rate,
    clean_category,
    clean_tags,
    clean_text,
    locate,
    located,
)
from solidarite.help.feeds import push_public_on_commit
from solidarite.help.matches import move
from solidarite.help.models import HelpRequest, Match
from solidarite.help.workflow import REQUEST
from solidarite.rights import mandates
from solidarite.rights.mandate_models import MandateAct, Scope


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
    mandate=None,
) -> HelpRequest:
    """Post a help request; a mediator posts for a resident under ``mandate`` (an active mandate of
    their structure with the help-requests scope: ``rights.mandates``), and the act is logged there."""
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
    if mandate not in (None, ""):
        try:
            mandate = mandates.chosen(mandate, by, Scope.HELP_REQUESTS)
        except ValidationError as error:
            errors.update(error.message_dict)
    else:
        mandate = None
    if errors:
        raise ValidationError(errors)
    check_post_rate(by)
    # One INSERT is atomic by itself: a transaction (BEGIN and COMMIT, two more round trips before
    # the matching may start) only when the post writes more than its row (a mandate's act, tags).
    # Outside of one, what waits for the commit below runs right after the INSERT.
    with transaction.atomic() if mandate is not None or tags else nullcontext():
        resident_name = resident_phone = ""
        if mandate is not None:
            mandate = mandates.lock_for_act(mandate, by, Scope.HELP_REQUESTS, now=now)
            resident_name, resident_phone = mandates.resident_contact(mandate)
        help_request = HelpRequest.objects.create(
            author=by,
            category=category,
            description=description,
            window_start=window_start,
            window_end=window_end,
            urgency=urgency,
            **located(private, quartier),
            resident_name=resident_name,
            resident_phone=resident_phone,
            mandate=mandate,
            consent_recorded_at=mandate.created_at if mandate else None,
            consent_recorded_by=mandate.recorded_by if mandate else None,
        )
        if mandate is not None:
            mandates.record_act(
                mandate,
                by=by,
                kind=MandateAct.Kind.HELP_REQUEST,
                summary=str(category),
                url=reverse("help:request", args=[help_request.pk]),
                now=now,
            )
        if tags:
            help_request.tags.set(tags)
        else:  # none yet: whoever reads them now (the API's answer, the matching) needs no query
            help_request._prefetched_objects_cache = {"tags": help_request.tags.through.tag_model().objects.none()}
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
