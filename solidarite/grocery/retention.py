"""Retention of the épicerie's data: 12 months after the end of a household's last right, only aggregates.

The household row goes, and with it its orientations, their log, its monthly spends and its bookings;
visits lose the household and keep the épicerie, day, amount and size band (the figures a food-aid
structure reports). Rights past their end are marked expired first. Baskets (and the allergies in them)
go as soon as their slot has passed or was cancelled.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Max

from solidarite.grocery import baskets, services
from solidarite.grocery.models import Household

# "End of the right + 12 months": the longest twelve months (a leap year).
RETENTION = dt.timedelta(days=366)


def purge(*, on: dt.date | None = None) -> dict[str, int]:
    on = on or services.today()
    expired = services.expire_due(on=on)
    forgotten = baskets.forget_past()
    stale = (
        Household.objects.annotate(last_end=Max("orientations__ends_on"))
        .filter(last_end__lt=on - RETENTION)
        .values_list("pk", flat=True)
    )
    ids = list(stale)
    with transaction.atomic():
        # Visits keep their figures (SET_NULL); the rest cascades with the household.
        deleted = Household.objects.filter(pk__in=ids).delete()[1].get("grocery.Household", 0) if ids else 0
    return {"expired": expired, "baskets_deleted": forgotten, "households_deleted": deleted}
