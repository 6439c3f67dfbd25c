import datetime as dt

from django.utils import timezone

from solidarite.grocery import services
from solidarite.grocery.models import Grocery
from tests.factories import UserFactory

# Open every day but Sunday, all day: tests at any TEST_NOW find slots without naming weekdays.
EVERY_DAY = "Mo-Sa 09:00-18:00"


def make_grocery(*, managers=(), volunteers=(), **fields) -> Grocery:
    values = {
        "slug": "epicerie-solidaire",
        "name": "Épicerie solidaire",
        "run_by": "CCAS de Rezé",
        "address": "4 rue de la Commune, 44400 Rezé",
        "opening_hours": EVERY_DAY,
        "slot_minutes": 30,
        "slot_capacity": 3,
        "unit": "euros",
    }
    values.update(fields)
    grocery = Grocery.objects.create(**values)
    grocery.managers.set(managers)
    grocery.volunteers.set(volunteers)
    return grocery


def make_prescriber(organisation="CCAS de Rezé", **user_fields):
    user = UserFactory(**user_fields)
    services.grant_prescriber(by=UserFactory(staff=True), user=user, kind="ccas", organisation=organisation)
    return user


def orient(grocery, *, by=None, allowance=5000, days=90, starts_on=None, size_band="2", contact=""):
    """An oriented household: (orientation, its code in clear)."""
    starts_on = starts_on or timezone.localdate()
    return services.orient(
        by=by or make_prescriber(),
        grocery=grocery,
        size_band=size_band,
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(days=days),
        allowance=allowance,
        contact=contact,
    )
