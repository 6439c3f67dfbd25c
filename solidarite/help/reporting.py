"""Reports of neighbours and the city staff's moderation: hide, warn, suspend, dismiss."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.accounts.roles import can_post, is_city_staff
from solidarite.help.checks import DESCRIPTION_MAX
from solidarite.help.feeds import MATCH_FEED, message_payload, push_public_on_commit
from solidarite.help.models import HelpOffer, HelpRequest, Message, Report
from solidarite.help.requests import end_request, withdraw_pending
from solidarite.help.workflow import OFFER, REQUEST
from solidarite.notifications.realtime import push_feed_event_on_commit
from solidarite.notifications.services import notify


def report(*, by, target, reason, details="") -> Report:
    if not can_post(by):
        raise PermissionDenied(_("Connectez-vous pour signaler un contenu."))
    errors = {}
    if reason not in dict(Report.Reason.choices):
        errors["reason"] = _("Choisissez un motif.")
    details = (details or "").strip()
    if len(details) > DESCRIPTION_MAX:
        errors["details"] = _("Texte trop long : %(n)s caractères au plus.") % {"n": DESCRIPTION_MAX}
    if errors:
        raise ValidationError(errors)
    kwargs = {_target_field(target): target}
    return Report.objects.create(reporter=by, reason=reason, details=details, **kwargs)


def _target_field(target) -> str:
    for model, field in ((HelpRequest, "request"), (HelpOffer, "offer"), (Message, "message")):
        if isinstance(target, model):
            return field
    raise ValueError("unknown report target")


MODERATION_ACTIONS = ("hide", "warn", "suspend", "dismiss")


@transaction.atomic
def moderate(*, report, by, action, note="") -> Report:
    from solidarite.accounts.services import suspend

    if not is_city_staff(by):
        raise PermissionDenied(_("Réservé aux agent·es de la ville."))
    if action not in MODERATION_ACTIONS:
        raise ValidationError({"action": _("Action inconnue.")})
    note = (note or "").strip()
    if action in ("warn", "suspend") and not note:
        raise ValidationError({"note": _("Expliquez à la personne ce qui ne va pas.")})
    target, author = report.target, report.target_author
    if action in ("hide", "suspend"):
        _hide(target, by=by)
    if author is not None and action != "dismiss":
        if action == "suspend":
            suspend(user=author, by=by, reason=note)
        notify(
            author,
            "help.post_hidden" if action == "hide" else "help.moderation_warning",
            {
                "params": {},
                "body": note or _("Elle ne respectait pas la charte de l'entraide."),
            },
        )
    report.status = {
        "hide": Report.Status.HIDDEN,
        "warn": Report.Status.WARNED,
        "suspend": Report.Status.SUSPENDED,
        "dismiss": Report.Status.DISMISSED,
    }[action]
    report.resolved_at, report.resolved_by, report.resolution_note = timezone.now(), by, note
    report.save()
    return report


def _hide(target, *, by):
    if isinstance(target, Message):
        target.hidden = True
        target.save(update_fields=["hidden"])
        data = message_payload(target)
        match_id = target.match_id
        push_feed_event_on_commit(MATCH_FEED, str(match_id), "message", data)
    elif isinstance(target, HelpRequest):
        if REQUEST.can(target, "hide"):  # a second report on a hidden post changes nothing
            end_request(target, "hide", by=by, reason=_("masquée par la modération"))
    elif OFFER.can(target, "hide"):
        OFFER.move(target, "hide", by=by)
        withdraw_pending(target.matches, by=by, reason="moderation")
        push_public_on_commit("removed", target)
