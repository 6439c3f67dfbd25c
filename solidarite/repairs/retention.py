"""Retention of the repair cafés' personal data.

A pre-registration is there to prepare the session: 30 days after it, the owner's account is unlinked
from every object (the anonymous ORDS record stays), and pre-registrations never brought in or
withdrawn are deleted. A calendar secret unused by anyone who follows nothing goes after a year.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from solidarite.calendars.models import FeedToken
from solidarite.repairs.models import RepairRecord

AFTER_SESSION = dt.timedelta(days=30)
IDLE_FEED = dt.timedelta(days=366)


@transaction.atomic
def purge(*, now=None) -> dict[str, int]:
    now = now or timezone.now()
    limit = timezone.localtime(now).date() - AFTER_SESSION
    old = RepairRecord.objects.filter(event_date__lt=limit)
    deleted = old.filter(status__in=[RepairRecord.Status.PREREGISTERED, RepairRecord.Status.WITHDRAWN]).delete()[1]
    unlinked = old.filter(owner__isnull=False).update(owner=None)
    feeds = FeedToken.objects.filter(
        feed=FeedToken.Feed.REPAIRS, created_at__lt=now - IDLE_FEED, user__repair_follows__isnull=True
    ).delete()[1]
    return {
        "preregistrations_deleted": deleted.get("repairs.RepairRecord", 0),
        "owners_unlinked": unlinked,
        "feeds_deleted": feeds.get("calendars.FeedToken", 0),
    }
