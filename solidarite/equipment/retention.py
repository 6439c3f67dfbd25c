"""Retention (``purge_equipment``): what the rule of N years needs, and no more.

- The address is cleared when a request closes (handover, decline, expiry, withdrawal, refusal).
- 12 months after a request closed, it loses its links to people and mandate: it stays as a figure
  (public, quartier, device kind, dates, status).
- A household (the keyed hash of an address) goes when nothing of it runs any more and it either
  never received a device or received its last one over ``EQUIPMENT_YEARS_BETWEEN_DEVICES`` years ago.
Offers past their days expire first (``handover.expire_due``).
"""

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from solidarite.equipment import handover, services
from solidarite.equipment.models import ACTIVE, EquipmentRequest, Household

KEEP_LINKS = dt.timedelta(days=366)


def purge(*, now=None) -> dict[str, int]:
    now = now or timezone.now()
    expired = handover.expire_due(now=now)
    unlinked = (
        EquipmentRequest.objects.exclude(status__in=ACTIVE)
        .filter(closed_at__lt=now - KEEP_LINKS)
        .filter(Q(requester__isnull=False) | Q(resident__isnull=False) | Q(mandate__isnull=False) | ~Q(address=""))
        .update(requester=None, resident=None, mandate=None, address="")
    )
    today = timezone.localdate(now)
    running = EquipmentRequest.objects.filter(household=OuterRef("pk"), status__in=ACTIVE)
    gone = Household.objects.exclude(Exists(running)).filter(
        Q(last_handover_on__isnull=True) | Q(last_handover_on__lte=_years_before(today))
    )
    deleted = gone.delete()[1].get("equipment.Household", 0)
    return {"expired": expired, "requests_unlinked": unlinked, "households_deleted": deleted}


def _years_before(today: dt.date) -> dt.date:
    """The latest last-handover day whose household may ask again today (``services.next_allowed``)."""
    years = services.years_between()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return dt.date(today.year - years, 2, 28)
