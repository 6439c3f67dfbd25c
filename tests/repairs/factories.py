import datetime as dt
from decimal import Decimal

from django.utils import timezone

from associations.directory.models import Membership
from solidarite.repairs import services
from solidarite.repairs.models import RepairCafe
from tests.directory.factories import ActionFactory, AssociationFactory
from tests.factories import UserFactory, quartier


def make_cafe(*, volunteers=(), manager=None, starts_at=None, **action_fields):
    """A repair café: an action of an association marked by its manager, with member volunteers."""
    association = action_fields.pop("association", None) or AssociationFactory()
    manager = manager or UserFactory()
    Membership.objects.get_or_create(association=association, user=manager, role=Membership.Role.MANAGER)
    for person in volunteers:
        Membership.objects.get_or_create(association=association, user=person)
    action_fields.setdefault("quartier", quartier("trentemoult-les-isles"))
    start = starts_at or (timezone.now().replace(microsecond=0) + dt.timedelta(days=3))
    action = ActionFactory(
        association=association, starts_at=start, ends_at=start + dt.timedelta(hours=3), **action_fields
    )
    services.mark(action, by=manager)
    return action


def day_of(action, start=None):
    return timezone.localtime(start or action.starts_at).date()


def brought(action, volunteer, **fields):
    values = {"product_category": 14, "problem": "Ne chauffe plus", "weight_kg": Decimal("1.20")}
    values.update(fields)
    return services.record(action, day_of(action), by=volunteer, **values)


__all__ = ["RepairCafe", "make_cafe", "day_of", "brought"]
