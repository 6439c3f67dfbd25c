"""One device per household, under concurrency, on real separate connections (SQLite and PostgreSQL)."""

import pytest
from django.core.exceptions import ValidationError

from solidarite.equipment import allocation, services
from solidarite.equipment.models import Device, EquipmentRequest
from tests import concurrency
from tests.equipment.factories import handover_place, make_refurbisher
from tests.factories import UserFactory, quartier

PEOPLE = 8


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_eight_people_asking_at_once_for_one_address_make_one_request():
    people = [UserFactory() for _ in range(PEOPLE)]
    spellings = ["5 avenue de Bretagne", "5 av. de Bretagne", "5, AVENUE DE BRETAGNE", "5 Av de Bretagne"]
    district = quartier().pk

    def asking(i, person):
        return lambda: services.ask(
            by=person, public="pupil", wanted="any", address=spellings[i % 4], postal_code="44400", quartier=district
        )

    outcomes = concurrency.described(
        concurrency.race([asking(i, p) for i, p in enumerate(people)]), refusal=ValidationError, ok="ok"
    )
    assert outcomes.count("ok") == 1, outcomes
    assert all("déjà en cours" in o for o in outcomes if o != "ok"), outcomes
    assert EquipmentRequest.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_devices_freed_at_once_never_go_to_one_request():
    district = quartier().pk
    for i in range(3):
        services.ask(
            by=UserFactory(),
            public="senior",
            wanted="any",
            address=f"{i} rue du Port",
            postal_code="44400",
            quartier=district,
        )
    refurbisher, place = make_refurbisher(), handover_place()
    devices = [{"kind": "laptop", "specs": "8 Go", "condition": "b", "reference": f"R{i}"} for i in range(5)]
    # Listed without the after-commit matching: the race below is the matching.
    from django.db import transaction

    with transaction.atomic():
        services.list_batch(by=refurbisher, place=place, devices=devices)
        transaction.get_connection().run_on_commit = []
    ids = list(Device.objects.values_list("pk", flat=True))

    outcomes = concurrency.race([lambda pk=pk: allocation.allocate(pk) for pk in ids])
    offered = [o for o in outcomes if isinstance(o, EquipmentRequest)]
    assert len(offered) == 3 and all(o is None for o in outcomes if o not in offered), outcomes
    assert len({o.pk for o in offered}) == 3
    assert EquipmentRequest.objects.filter(status="offered").count() == 3
    assert Device.objects.filter(status="reserved").count() == 3
