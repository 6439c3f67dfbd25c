"""Requests that wait too long for the city: alerted once per waiting period
(``manage.py support_alert_stale``)."""

from django.db import transaction
from django.utils import timezone

from associations.support.models import SupportRequest
from associations.support.notices import tell_city


def alert_stale(*, now=None) -> int:
    """Alert the reviewer, else the team's members, else every staff member, once per waiting period."""
    from django.db.models import F, Q

    now = now or timezone.now()
    stale = (
        SupportRequest.objects.stale(now)
        .filter(Q(stale_alerted_at__isnull=True) | Q(stale_alerted_at__lt=F("waiting_since")))
        .select_related("association", "reviewer", "team")
    )
    count = 0
    for support_request in stale:
        with transaction.atomic():
            days = (now - support_request.waiting_since).days
            tell_city(
                support_request,
                "support.stale",
                {"days": days, "title": support_request.title, "association": support_request.association},
            )
            SupportRequest.objects.filter(pk=support_request.pk).update(stale_alerted_at=now)
        count += 1
    return count
