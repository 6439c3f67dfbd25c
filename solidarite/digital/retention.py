"""How long the log of places of digital help names its editors: two years, then the change stays
without a name (``purge_digital_log``, nightly). The name also goes with the person's account."""

import datetime as dt

from django.utils import timezone

from solidarite.digital.models import DigitalPlace, DigitalPlaceChange

NAMED_FOR = dt.timedelta(days=730)


def purge(now=None) -> dict:
    limit = (now or timezone.now()) - NAMED_FOR
    changes = DigitalPlaceChange.objects.filter(at__lt=limit, by__isnull=False).update(by=None)
    places = DigitalPlace.objects.filter(updated_at__lt=limit, updated_by__isnull=False).update(updated_by=None)
    return {"changes": changes, "places": places}
