"""Reports on gifts and wishes, and the city staff's decisions: help's vocabulary and life cycle.

The reasons, the states and the four decisions (hide, warn, suspend, dismiss) are help's own
(``help.models.Report``, ``help.workflow.REPORT``): a moderator reads one set of words for every post of a
neighbour. Hiding a gift or a wish ends its pending proposals; the author is told with help's kinds.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.accounts.roles import can_post
from solidarite.giveaways.models import Gift, GiftMatch, GiftReport
from solidarite.giveaways.workflow import GIFT, MATCH, WISH
from solidarite.help.checks import DESCRIPTION_MAX
from solidarite.help.models import Report
from solidarite.help.workflow import REPORT
from solidarite.notifications.services import notify


def report(*, by, target, reason, details="") -> GiftReport:
    if not can_post(by):
        raise PermissionDenied(_("Connectez-vous pour signaler un contenu."))
    errors = {}
    if reason not in Report.Reason.values:
        errors["reason"] = _("Choisissez un motif.")
    details = (details or "").strip()
    if len(details) > DESCRIPTION_MAX:
        errors["details"] = _("Texte trop long : %(n)s caractères au plus.") % {"n": DESCRIPTION_MAX}
    if errors:
        raise ValidationError(errors)
    field = "gift" if isinstance(target, Gift) else "wish"
    return GiftReport.objects.create(reporter=by, reason=reason, details=details, **{field: target})


@transaction.atomic
def moderate(*, report, by, action, note="") -> GiftReport:
    from solidarite.accounts.services import suspend

    if action not in REPORT.steps:
        raise ValidationError({"action": _("Action inconnue.")})
    report = GiftReport.objects.select_for_update().get(pk=report.pk)
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
            {"params": {}, "body": note or _("Elle ne respectait pas la charte des dons entre voisins.")},
        )
    report.resolved_at, report.resolved_by, report.resolution_note = timezone.now(), by, note
    REPORT.move(report, action, by=by, save_fields=["resolved_at", "resolved_by", "resolution_note"])
    return report


def hide(target, *, by):
    machine, field = (GIFT, "gift") if isinstance(target, Gift) else (WISH, "wish")
    model = type(target)
    target = model.objects.select_for_update().get(pk=target.pk)
    if not machine.can(target, "hide"):  # a second report on a hidden post changes nothing
        return
    machine.move(target, "hide", by=by, reason=_("masqué par la modération"))
    pending = list(
        GiftMatch.objects.filter(
            **{field: target}, status__in=[GiftMatch.Status.PROPOSED, GiftMatch.Status.ACCEPTED]
        ).select_related("wish", "gift")
    )
    MATCH.move_many(pending, "withdraw", by=by, reason="moderation")
    for match in pending:
        # A hidden gift no longer holds the wish it was promised to; a hidden wish frees its gift.
        if field == "gift" and WISH.can(match.wish, "reopen"):
            WISH.move(match.wish, "reopen", by=by)
        elif field == "wish" and GIFT.can(match.gift, "release"):
            GIFT.move(match.gift, "release", by=by)


def open_reports():
    return GiftReport.objects.filter(status=Report.Status.OPEN).select_related("gift", "wish", "reporter")
