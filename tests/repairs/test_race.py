"""Concurrency, on real separate connections (SQLite: serialized writes; PostgreSQL: row locks)."""

import pytest
from django.core.exceptions import ValidationError

from solidarite.repairs import ords, services
from solidarite.repairs.models import RecordLog, RepairRecord
from tests import concurrency
from tests.factories import UserFactory
from tests.repairs.factories import brought, day_of, make_cafe


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_eight_tabs_preregistering_at_once_get_exactly_the_three_allowed():
    resident = UserFactory()
    action = make_cafe()

    def prereg(n):
        return lambda: services.preregister(
            action, day_of(action), by=resident, product_category=15, problem=f"Lampe {n}"
        )

    outcomes = concurrency.described(concurrency.race([prereg(n) for n in range(8)]), refusal=ValidationError, ok="ok")
    assert outcomes.count("ok") == services.MAX_PREREGISTERED, outcomes
    assert all("maximum" in o for o in outcomes if o != "ok"), outcomes
    assert RepairRecord.objects.filter(owner=resident).count() == services.MAX_PREREGISTERED


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_volunteers_weighing_in_one_object_at_once_weigh_it_once():
    volunteers = [UserFactory(), UserFactory()]
    action = make_cafe(volunteers=volunteers)
    record = services.preregister(action, day_of(action), by=UserFactory(), product_category=14, problem="Fuit")

    outcomes = concurrency.described(
        concurrency.race([lambda v=v: services.arrive(record, by=v, weight_kg="2") for v in volunteers]),
        refusal=ValidationError,
        ok="ok",
    )
    assert outcomes.count("ok") == 1, outcomes
    assert RecordLog.objects.filter(record=record, name="arrive").count() == 1
    # The outcome can still be noted once it is there.
    done = brought(action, volunteers[0])
    services.set_outcome(done, by=volunteers[1], repair_status=ords.FIXED)
