"""Posts whose time has passed: ended on read, and by ``manage.py expire_help_posts``."""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.help.feeds import push_public_on_commit
from solidarite.help.models import HelpOffer, HelpRequest
from solidarite.help.requests import end_request
from solidarite.help.workflow import OFFER, REQUEST
from solidarite.notifications.services import notify


def expire_request_if_due(help_request) -> HelpRequest:
    """Expiry on read: a request past its window is closed the moment someone looks at it."""
    if REQUEST.can(help_request, "expire") and help_request.window_end <= timezone.now():
        with transaction.atomic():
            end_request(help_request, "expire", by=None, reason=_("période passée"))
    return help_request


def expire_posts(*, now=None) -> dict:
    """Run by ``manage.py expire_help_posts`` (every few minutes): ends what has passed and warns
    offerers whose availability ends tomorrow."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {"requests": 0, "offers": 0, "warned": 0}
    for help_request in HelpRequest.objects.filter(status=HelpRequest.Status.OPEN, window_end__lte=now):
        with transaction.atomic():
            end_request(help_request, "expire", by=None, reason=_("période passée"))
        counts["requests"] += 1
    for offer in HelpOffer.objects.filter(
        status__in=[HelpOffer.Status.OPEN, HelpOffer.Status.PAUSED], available_until__lt=today
    ):
        with transaction.atomic():
            OFFER.move(offer, "expire", by=None)
            push_public_on_commit("removed", offer)
        counts["offers"] += 1
    for offer in HelpOffer.objects.filter(
        status=HelpOffer.Status.OPEN, available_until=today + timedelta(days=1), expiry_warned_at__isnull=True
    ).select_related("author"):
        with transaction.atomic():
            offer.expiry_warned_at = now
            offer.save(update_fields=["expiry_warned_at"])
            notify(
                offer.author,
                "help.offer_expiring",
                {
                    "params": {},
                    "url": reverse("help:my_posts"),
                },
            )
        counts["warned"] += 1
    return counts
