"""Reports of neighbours and the city staff's moderation: hide, warn, suspend, dismiss."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.accounts.roles import can_post
from solidarite.help.checks import DESCRIPTION_MAX
from solidarite.help.feeds import MATCH_FEED, message_payload, push_public_on_commit
from solidarite.help.models import HelpOffer, HelpRequest, Message, Report, ReportBase
from solidarite.help.requests import end_request, withdraw_pending
from solidarite.help.workflow import OFFER, REPORT, REQUEST
from solidarite.notifications.realtime import push_feed_event_on_commit
from solidarite.notifications.services import notify


def file_report(model, *, by, reason, details="", **target):
    """A report of ``model`` (a ``ReportBase``) on the post named by ``target`` (its one foreign key)."""
    if not can_post(by):
        raise PermissionDenied(_("Connectez-vous pour signaler un contenu."))
    errors = {}
    if reason not in ReportBase.Reason.values:
        errors["reason"] = _("Choisissez un motif.")
    details = (details or "").strip()
    if len(details) > DESCRIPTION_MAX:
        errors["details"] = _("Texte trop long : %(n)s caractères au plus.") % {"n": DESCRIPTION_MAX}
    if errors:
        raise ValidationError(errors)
    return model.objects.create(reporter=by, reason=reason, details=details, **target)


def decide(model, *, report, by, action, note, hide, charter: str):
    """City staff's one decision on a report of ``model``, in the caller's transaction: hide the post
    (``hide(target, by=…)``), warn or suspend its author (told with ``charter`` when no note), or dismiss."""
    from solidarite.accounts.services import suspend

    if action not in REPORT.steps:
        raise ValidationError({"action": _("Action inconnue.")})
    report = model.objects.select_for_update().get(pk=report.pk)
    REPORT.check(report, action, by)
    note = (note or "").strip()
    if action in ("warn", "suspend") and not note:
        raise ValidationError({"note": _("Expliquez à la personne ce qui ne va pas.")})
    target, author = report.target, report.target_author
    if action in ("hide", "suspend"):
        hide(target, by=by)
    if author is not None and action != "dismiss":
        if action == "suspend":
            suspend(user=author, by=by, reason=note)
        notify(
            author,
            "help.post_hidden" if action == "hide" else "help.moderation_warning",
            {"params": {}, "body": note or charter},
        )
    report.resolved_at, report.resolved_by, report.resolution_note = timezone.now(), by, note
    REPORT.move(report, action, by=by, save_fields=["resolved_at", "resolved_by", "resolution_note"])
    return report


def report(*, by, target, reason, details="") -> Report:
    return file_report(Report, by=by, reason=reason, details=details, **{_target_field(target): target})


def _target_field(target) -> str:
    for model, field in ((HelpRequest, "request"), (HelpOffer, "offer"), (Message, "message")):
        if isinstance(target, model):
            return field
    raise ValueError("unknown report target")


@transaction.atomic
def moderate(*, report, by, action, note="") -> Report:
    charter = _("Elle ne respectait pas la charte de l'entraide.")
    return decide(Report, report=report, by=by, action=action, note=note, hide=_hide, charter=charter)


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
