"""How long the residents a mediator posts for are remembered (RGPD: storage limitation).

A mediator posts a request for a resident who is offline; the resident's name and phone are there
only for the helper of an accepted match to reach them. Once the request has ended (closed,
expired, done, hidden by moderation) they serve nothing: ``RESIDENT_GRACE_DAYS`` later they are
purged, by ``manage.py expire_help_posts`` (scheduled every 10 minutes). The grace period lets the
helper and the mediator sort out what happened (a late call, a thank-you) and matches the month the
platform gives an unused account after its warning. A request left "matched" (help agreed, never
marked done) counts as ended when its window ends. The consent record (when, by whom) stays: it
names nobody and proves the resident agreed while their details were kept.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from solidarite.help.models import HelpRequest

RESIDENT_GRACE_DAYS = 30

ENDED = (
    HelpRequest.Status.CLOSED,
    HelpRequest.Status.EXPIRED,
    HelpRequest.Status.DONE,
    HelpRequest.Status.HIDDEN,
)


def grace_days() -> int:
    return getattr(settings, "HELP_RESIDENT_GRACE_DAYS", RESIDENT_GRACE_DAYS)


def purge_resident_details(*, now=None) -> int:
    """Blank the resident's name and phone of requests ended more than the grace period ago."""
    cutoff = (now or timezone.now()) - timedelta(days=grace_days())
    # ``updated_at`` of an ended request is when it ended (ending saves it; nothing writes it after).
    ended = Q(status__in=ENDED, updated_at__lte=cutoff) | Q(status=HelpRequest.Status.MATCHED, window_end__lte=cutoff)
    return (
        HelpRequest.objects.filter(ended)
        .exclude(resident_name="", resident_phone="")
        .update(resident_name="", resident_phone="")
    )


def purge_for_mandates(mandate_ids: list[int]) -> int:
    """The mandates ended: the resident's name and phone leave the requests posted under them at once."""
    return (
        HelpRequest.objects.filter(mandate_id__in=mandate_ids)
        .exclude(resident_name="", resident_phone="")
        .update(resident_name="", resident_phone="")
    )
