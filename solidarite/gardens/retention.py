"""Retention of the gardens' data (``purge_gardens``, every night).

- An application that left the list (withdrawn, or a plot allocated) is deleted 12 months after it left,
  with its offers and their log: long enough to answer a question about a turn, no longer.
- An allocation keeps its gardener 24 months after it ended (the agreement and its fee, for the
  association's accounts), then only its figures (garden, plot, season, quartier, days waited, fee).
- Offers past their deadline are expired first (the same as ``expire_garden_offers``).
"""

import datetime as dt

from django.utils import timezone

from solidarite.gardens import offers
from solidarite.gardens.models import Allocation, Application

APPLICATION_RETENTION = dt.timedelta(days=366)
ALLOCATION_RETENTION = dt.timedelta(days=731)


def purge(*, now: dt.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    expired = offers.expire_due(now=now)
    closed = Application.objects.filter(
        status__in=[Application.Status.WITHDRAWN, Application.Status.ALLOCATED],
        closed_at__lt=now - APPLICATION_RETENTION,
    )
    deleted = closed.delete()[1].get("gardens.Application", 0)
    anonymised = Allocation.objects.filter(person__isnull=False, ended_at__lt=now - ALLOCATION_RETENTION).update(
        person=None
    )
    return {"expired": expired, "applications_deleted": deleted, "allocations_anonymised": anonymised}
