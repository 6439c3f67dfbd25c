"""« Un rappel si rien ne bouge pendant un temps choisi » for the steps of « mes démarches ».

Each claim waiting on something (à faire, demande faite) has a delay: the one the person chose for it
(``remind_after_days``; 0 for never) or ``DEFAULT_DAYS``. ``send_due`` (the daily command
``remind_stale_claims``) tells the person once per period of that length without a move: a claim is due
when neither its last step (``moved_at``) nor its last reminder is younger than the delay. The reminder is
claimed by a compare-and-set on ``reminded_at``, so two runs at once send it once.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidarite.estimate import claims, notices
from solidarite.estimate.models import Claim
from solidarite.notifications.services import notify

DEFAULT_DAYS = 30
CHOICES = [
    (7, gettext_lazy("après 1 semaine")),
    (14, gettext_lazy("après 2 semaines")),
    (30, gettext_lazy("après 1 mois")),
    (60, gettext_lazy("après 2 mois")),
    (0, gettext_lazy("jamais")),
]
WAITING = [Claim.Status.TODO, Claim.Status.APPLIED]


def delay_of(claim: Claim) -> int:
    return DEFAULT_DAYS if claim.remind_after_days is None else claim.remind_after_days


def choose(*, user, pk: int, days) -> Claim:
    """The person (or whoever may move the claim: their mediator, the agent they shared with) sets its delay."""
    with transaction.atomic():
        claim = Claim.objects.select_for_update().filter(pk=pk).first()
        if claim is None or not claims.CLAIM.roles(claim, user):
            raise PermissionDenied(_("Cette démarche n'existe pas ou n'est pas la vôtre."))
        try:
            days = int(days)
        except (TypeError, ValueError):
            days = -1
        if days not in dict(CHOICES):
            raise ValidationError(_("Choisissez un délai dans la liste."))
        Claim.objects.filter(pk=claim.pk).update(remind_after_days=days)  # not a move: moved_at stays
        claim.remind_after_days = days
    return claim


def due(now):
    """Claims waiting on something whose delay has passed since their last move and last reminder."""
    rows = Claim.objects.filter(status__in=WAITING, user__is_active=True).exclude(remind_after_days=0)
    found = []
    for claim in rows.only("pk", "remind_after_days", "moved_at", "reminded_at"):
        limit = now - dt.timedelta(days=delay_of(claim))
        if claim.moved_at <= limit and (claim.reminded_at is None or claim.reminded_at <= limit):
            found.append(claim.pk)
    return found


def send_due(*, now=None) -> int:
    now = now or timezone.now()
    sent = 0
    for pk in due(now):
        claim = Claim.objects.select_related("user").get(pk=pk)
        limit = now - dt.timedelta(days=delay_of(claim))
        with transaction.atomic():
            # Compare-and-set: only the run that moves reminded_at from what it read sends the reminder.
            won = (
                Claim.objects.filter(pk=pk, moved_at__lte=limit)
                .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=limit))
                .filter(Q(reminded_at=claim.reminded_at) if claim.reminded_at else Q(reminded_at__isnull=True))
                .update(reminded_at=now)
            )
            if won:
                notify(
                    claim.user,
                    notices.CLAIM_STALE,
                    notices.claim_stale(claims.title(claim), delay_of(claim), claim.get_status_display()),
                )
                sent += 1
    return sent
