"""The épicerie as a data·inclusion v1 service and structure, validated by the schema's own models."""

import pytest
from data_inclusion.schema.v1 import Service, Structure
from django.urls import reverse

from tests.grocery.factories import make_grocery

pytestmark = pytest.mark.django_db


def test_the_epicerie_is_a_valid_service_open_on_orientation_by_professionals(client):
    make_grocery(phone="02 40 84 43 00", latitude="47.183700", longitude="-1.552900", description="Produits frais.")
    make_grocery(slug="fermee", name="Fermée", is_active=False)
    services = client.get(reverse("grocery:services_json")).json()
    structures = client.get(reverse("grocery:structures_json")).json()
    assert len(services) == len(structures) == 1
    service = Service.model_validate(services[0])
    structure = Structure.model_validate(structures[0])
    assert service.structure_id == structure.id
    assert [m.value for m in service.mobilisable_par] == ["professionnels"]
    assert {m.value for m in service.modes_mobilisation} == {"telephoner", "se-presenter"}
    assert [t.value for t in service.thematiques] == ["equipement-et-alimentation--alimentation"]
    assert services[0]["telephone"] == "+33240844300"
