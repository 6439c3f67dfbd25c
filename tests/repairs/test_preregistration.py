"""A resident pre-registers an object (optional, minimal); the volunteers weigh it in at the session."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from solidarite.repairs import ords, services
from solidarite.repairs.models import RepairRecord
from tests.factories import UserFactory
from tests.repairs.factories import day_of, make_cafe

pytestmark = pytest.mark.django_db


def test_preregistered_object_is_weighed_in_then_fixed():
    volunteer, resident = UserFactory(), UserFactory()
    action = make_cafe(volunteers=[volunteer])
    record = services.preregister(action, day_of(action), by=resident, product_category=29, problem="Ne tourne plus")
    assert (record.status, record.owner, record.weight_kg) == (RepairRecord.Status.PREREGISTERED, resident, None)

    # Not counted until it is there.
    assert RepairRecord.objects.counted().count() == 0
    with pytest.raises(PermissionDenied):
        services.arrive(record, by=resident, weight_kg="3")
    with pytest.raises(ValidationError):
        services.arrive(record, by=volunteer)  # no weight
    services.arrive(record, by=volunteer, weight_kg="3,4")
    record.refresh_from_db()
    assert (record.status, record.weight_kg) == (RepairRecord.Status.BROUGHT, Decimal("3.40"))
    services.set_outcome(record, by=volunteer, repair_status=ords.FIXED)
    assert RepairRecord.objects.counted().count() == 1


def test_the_owner_withdraws_a_waiting_object_but_not_once_it_is_brought():
    volunteer, resident, other = UserFactory(), UserFactory(), UserFactory()
    action = make_cafe(volunteers=[volunteer])
    record = services.preregister(action, day_of(action), by=resident, product_category=29, problem="Ne tourne plus")
    with pytest.raises(PermissionDenied):
        services.withdraw(record, by=other)
    services.withdraw(record, by=resident)
    record.refresh_from_db()
    assert record.status == RepairRecord.Status.WITHDRAWN

    second = services.preregister(action, day_of(action), by=resident, product_category=29, problem="Grésille")
    services.arrive(second, by=volunteer, weight_kg="1")
    with pytest.raises(ValidationError):
        services.withdraw(second, by=resident)


def test_a_resident_preregisters_at_most_three_objects_per_session():
    resident = UserFactory()
    action = make_cafe()
    for n in range(services.MAX_PREREGISTERED):
        services.preregister(action, day_of(action), by=resident, product_category=15, problem=f"Lampe {n}")
    with pytest.raises(ValidationError) as refused:
        services.preregister(action, day_of(action), by=resident, product_category=15, problem="Encore")
    assert "maximum" in str(refused.value)
    assert RepairRecord.objects.filter(owner=resident).count() == services.MAX_PREREGISTERED


def test_no_preregistration_once_the_session_started_nor_for_a_visitor():
    action = make_cafe()
    with time_machine.travel(action.starts_at + dt.timedelta(minutes=5)), pytest.raises(ValidationError):
        services.preregister(action, day_of(action), by=UserFactory(), product_category=15, problem="Lampe")
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.preregister(action, day_of(action), by=AnonymousUser(), product_category=15, problem="Lampe")
    assert RepairRecord.objects.count() == 0
