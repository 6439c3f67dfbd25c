"""Reports on gifts and wishes, and the city staff's decisions: help's vocabulary and life cycle.

The reasons, the states and the four decisions (hide, warn, suspend, dismiss) are help's own
(``help.models.Report``, ``help.workflow.REPORT``): a moderator reads one set of words for every post of a
neighbour. Hiding a gift or a wish ends its pending proposals; the author is told with help's kinds.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from solidarite.giveaways.models import Gift, GiftMatch, GiftReport
from solidarite.giveaways.workflow import GIFT, MATCH, WISH
from solidarite.help import reporting
from solidarite.help.models import Report


def report(*, by, target, reason, details="") -> GiftReport:
    field = "gift" if isinstance(target, Gift) else "wish"
    return reporting.file_report(GiftReport, by=by, reason=reason, details=details, **{field: target})


@transaction.atomic
def moderate(*, report, by, action, note="") -> GiftReport:
    charter = _("Elle ne respectait pas la charte des dons entre voisins.")
    return reporting.decide(GiftReport, report=report, by=by, action=action, note=note, hide=hide, charter=charter)


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
