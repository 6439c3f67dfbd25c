"""Recording objects at a session and their outcome: who may, what is refused, what the figures read."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from associations.directory.models import Participation
from solidarite.repairs import ords, services
from solidarite.repairs.models import RecordLog, RepairCredit, RepairRecord
from tests.directory.factories import ActionFactory
from tests.factories import UserFactory
from tests.repairs.factories import brought, day_of, make_cafe

pytestmark = pytest.mark.django_db


def test_a_member_records_an_object_weighed_in_then_its_outcome_and_repairer():
    volunteer, other = UserFactory(), UserFactory()
    action = make_cafe(volunteers=[volunteer, other])
    record = brought(action, volunteer, brand="Moulinex", product_age="3,5")

    assert record.status == RepairRecord.Status.BROUGHT
    assert record.weight_kg == Decimal("1.20")
    assert record.product_age == Decimal("3.5")
    assert record.quartier == action.quartier

    services.set_outcome(record, by=volunteer, repair_status=ords.FIXED, repairers=[other.pk, volunteer.pk])
    record.refresh_from_db()
    assert record.status == RepairRecord.Status.DONE
    assert record.repair_status == ords.FIXED
    assert set(RepairCredit.objects.filter(record=record).values_list("repairer", flat=True)) == {
        volunteer.pk,
        other.pk,
    }
    assert list(RecordLog.objects.filter(record=record).values_list("name", flat=True)) == ["arrive", "outcome"]


def test_a_neighbour_who_helps_at_that_action_may_record_but_a_stranger_may_not():
    action = make_cafe()
    helper, stranger = UserFactory(), UserFactory()
    Participation.objects.create(action=action, user=helper, kind=Participation.Kind.VOLUNTEER)

    assert brought(action, helper).pk
    with pytest.raises(PermissionDenied):
        brought(action, stranger)
    assert RepairRecord.objects.count() == 1


def test_an_object_without_weight_is_refused_and_nothing_is_written():
    volunteer = UserFactory()
    action = make_cafe(volunteers=[volunteer])
    with pytest.raises(ValidationError) as refused:
        brought(action, volunteer, weight_kg="")
    assert "Pesez l'objet" in str(refused.value.message_dict["weight_kg"])
    with pytest.raises(ValidationError) as refused:
        brought(action, volunteer, weight_kg="-2")
    assert "weight_kg" in refused.value.message_dict
    assert RepairRecord.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"product_category": 99}, "product_category"),
        ({"product_category": "bouilloire"}, "product_category"),
        ({"problem": "  "}, "problem"),
        ({"problem": "Appelez-moi au 06 12 34 56 78"}, "problem"),
        ({"problem": "écrire à jean@exemple.fr"}, "problem"),
        ({"product_age": "vieux"}, "product_age"),
        ({"weight_kg": "NaN"}, "weight_kg"),
    ],
)
def test_bad_fields_are_refused_in_french_on_their_field(fields, field):
    volunteer = UserFactory()
    action = make_cafe(volunteers=[volunteer])
    with pytest.raises(ValidationError) as refused:
        brought(action, volunteer, **fields)
    assert field in refused.value.message_dict
    assert RepairRecord.objects.count() == 0


def test_the_barrier_is_only_for_end_of_life_and_repairers_only_volunteers():
    volunteer, stranger = UserFactory(), UserFactory()
    action = make_cafe(volunteers=[volunteer])
    record = brought(action, volunteer)
    with pytest.raises(ValidationError) as refused:
        services.set_outcome(record, by=volunteer, repair_status=ords.FIXED, repair_barrier=1)
    assert "repair_barrier" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.set_outcome(record, by=volunteer, repair_status=ords.UNKNOWN)
    assert "repair_status" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.set_outcome(record, by=volunteer, repair_status=ords.FIXED, repairers=[stranger.pk])
    assert "repairers" in refused.value.message_dict
    record.refresh_from_db()
    assert record.status == RepairRecord.Status.BROUGHT

    services.set_outcome(record, by=volunteer, repair_status=ords.END_OF_LIFE, repair_barrier=2)
    record.refresh_from_db()
    assert (record.repair_status, record.repair_barrier) == (ords.END_OF_LIFE, 2)
    # A correction: the outcome changes, the barrier goes with it.
    services.set_outcome(record, by=volunteer, repair_status=ords.REPAIRABLE)
    record.refresh_from_db()
    assert (record.repair_status, record.repair_barrier) == (ords.REPAIRABLE, None)


def test_no_session_on_a_day_the_action_does_not_happen_nor_on_an_unmarked_action():
    volunteer = UserFactory()
    action = make_cafe(volunteers=[volunteer])
    with pytest.raises(ValidationError):
        services.record(
            action, day_of(action) + dt.timedelta(days=1), by=volunteer, product_category=1, problem="x", weight_kg=1
        )
    plain = ActionFactory(association=action.association)
    with pytest.raises(ValidationError):
        services.record(plain, day_of(plain), by=volunteer, product_category=1, problem="x", weight_kg=1)
    assert RepairRecord.objects.count() == 0


def test_a_monthly_repair_cafe_has_a_session_each_month():
    volunteer = UserFactory()
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=2)
    action = make_cafe(
        volunteers=[volunteer],
        starts_at=start,
        recurrence="monthly",
        recurrence_until=(start + dt.timedelta(days=70)).date(),
    )
    sessions = [s for s in services.upcoming_sessions() if s.action == action]
    assert len(sessions) == 3
    second = sessions[1]
    record = services.record(action, second.day, by=volunteer, product_category=7, problem="Bruit", weight_kg="2")
    assert record.event_date == second.day


def test_only_the_association_manager_marks_an_action_and_it_stays_once_objects_are_recorded():
    volunteer = UserFactory()
    action = make_cafe(volunteers=[volunteer])
    with pytest.raises(PermissionDenied):
        services.mark(ActionFactory(association=action.association), by=volunteer)
    brought(action, volunteer)
    manager = action.association.memberships.get(role="manager").user
    with pytest.raises(ValidationError):
        services.unmark(action, by=manager)
    assert hasattr(action, "repair_cafe")
