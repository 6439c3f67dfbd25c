"""The life of a match (``help.workflow.MATCH``): offer help, accept, decline, withdraw, mark
done; the other side is told; what each side may see of the other once it is accepted."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from solidarite.accounts.roles import require_poster
from solidarite.help import notices
from solidarite.help.checks import CANNOT_POST, MESSAGE_MAX
from solidarite.help.feeds import push_match_on_commit, push_public_on_commit
from solidarite.help.models import HelpOffer, HelpRequest, Match
from solidarite.help.workflow import MATCH, REQUEST, side_of
from solidarite.notifications.services import notify

# The steps, who takes them and from which states: ``help.workflow.MATCH``.


def transition(*, match, by, name, reason="", thanks="") -> Match:
    step = MATCH.step(name)
    if step is None:
        raise ValidationError(_("Action inconnue."))
    if not MATCH.may(step, match, by):
        raise PermissionDenied(_("Vous ne pouvez pas faire cela pour cette mise en relation."))
    require_poster(by, CANNOT_POST)
    original = match
    with transaction.atomic():
        # Lock the request, then the match (always in this order, as ``close_request`` does), so
        # that two clicks, or an acceptance and a closing, cannot both pass their state checks.
        list(HelpRequest.objects.select_for_update().filter(pk=match.request_id).values_list("pk"))
        match = Match.objects.select_for_update().select_related("request__category", "offer").get(pk=match.pk)
        help_request = match.request
        MATCH.check(match, name, by)
        if name == "accept" and not REQUEST.can(help_request, "match"):
            raise ValidationError(_("Cette demande a déjà une mise en relation acceptée ou n'est plus ouverte."))
        if name == "offer_help" and match.offer.status != HelpOffer.Status.OPEN:
            raise ValidationError(_("Votre proposition n'est plus ouverte."))
        was = match.status
        move(match, name, by=by, reason=reason)
        if name == "accept":
            REQUEST.move(help_request, "match", by=by)
            push_public_on_commit("removed", help_request)
        elif name == "withdraw" and was == Match.Status.ACCEPTED and REQUEST.can(help_request, "reopen"):
            REQUEST.move(help_request, "reopen", by=by)
        elif name == "mark_done":
            match.thanks = (thanks or "").strip()[:MESSAGE_MAX]
            match.save(update_fields=["thanks"])
            if REQUEST.can(help_request, "done"):  # not if moderation hid it meanwhile
                REQUEST.move(help_request, "done", by=by)
        _tell_other_side(match, by, name)
    original.status, original.thanks = match.status, match.thanks
    return match


def move(match, name, *, by, reason=""):
    MATCH.move(match, name, by=by, reason=reason)
    push_match_on_commit(match, "status")


def _tell_other_side(match, by, name):
    kind = notices.STEP_KINDS[name]  # its text names the person who acted, rendered when read
    other = match.offer.author if match.request.author_id == by.pk else match.request.author
    if other is None:  # erased account
        return
    body = match.thanks if name == "mark_done" else match.explanation
    notify(
        other,
        kind,
        {
            "people": {"name": by.pk},  # rendered when read (notifications.kinds): no stored name
            "body": body,
            "url": reverse("help:match", args=[match.pk]),
            "data": {"match": match.pk},
        },
    )


def contacts_for(match: Match, viewer) -> list[tuple[str, str]]:
    """What ``viewer`` may see of the other side: only once the match is accepted, only sides."""
    side = side_of(match, viewer)
    if side is None or not match.conversation_open:
        return []
    rows = []
    if side == "offerer":
        help_request = match.request
        if help_request.on_behalf:
            rows.append((_("Personne aidée"), help_request.resident_name))
            if help_request.resident_phone:
                rows.append((_("Son téléphone"), help_request.resident_phone))
            prefix = _("Médiateur·rice")
        else:
            prefix = ""
        other = help_request.author
    else:
        other, prefix = match.offer.author, ""
    if other is None:
        return rows

    def label(text):
        return f"{prefix} — {text}" if prefix else text

    rows.append((label(_("Nom")), other.public_name))
    if other.share_email:
        rows.append((label(_("E-mail")), other.email))
    if other.share_phone and other.phone:
        rows.append((label(_("Téléphone")), other.phone))
    if other.contact_note:
        rows.append((label(_("Comment le ou la joindre")), other.contact_note))
    return rows
