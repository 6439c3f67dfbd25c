"""The places of digital help as data·inclusion v1 services and structures, validated by the schema's own
pydantic models (package data-inclusion-schema), as the aids and the épiceries are."""

import pytest
from data_inclusion.schema.v1 import Service, Structure
from django.urls import reverse
from pydantic import ValidationError

from solidarite.digital import datainclusion
from tests.digital.factories import mark, media_library
from tests.directory.factories import AssociationFactory
from tests.rights.factories import make_permanence
from tests.rooms.factories import RoomFactory
from tests.shops.factories import ShopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    library = media_library()
    make_permanence(place=library, slug="conseiller-numerique", opening_hours="We 14:00-18:00", walk_in_hours="")
    return {
        "library": mark(
            library,
            free_computers=True,
            printing=True,
            online_procedures=True,
            beginner_workshops=True,
            aidants_connect=True,
            publics=["seniors", "familles"],
            support=["deficience-visuelle", "anglais"],
            summary="Ordinateurs et aide aux démarches.",
        ),
        "room": mark(RoomFactory(), free_wifi=False, beginner_workshops=True, fee="gratuit-sous-condition"),
        "association": mark(AssociationFactory(phone="02 40 00 30 30", email="contact@asso.fr"), free_computers=True),
        "shop": mark(ShopFactory(phone="02 40 00 70 70"), free_wifi=False, printing=True, fee="payant"),
    }


def test_every_service_and_structure_is_valid_and_each_service_has_its_structure(client, places):
    services = client.get(reverse("digital:services_json")).json()
    structures = client.get(reverse("digital:structures_json")).json()
    validated = [Service.model_validate(row) for row in services]
    ids = {Structure.model_validate(row).id for row in structures}
    assert len(ids) == len(structures) == 4
    assert {service.structure_id for service in validated} == ids
    themes = {t.value for service in validated for t in service.thematiques}
    assert themes == {datainclusion.INTERNET, datainclusion.ONLINE, datainclusion.BASICS}
    assert all(theme.startswith("numerique--") for theme in themes)


def test_a_place_gives_one_service_per_kind_of_help_with_its_type_and_thematiques(places):
    library = places["library"]
    rows = datainclusion.services_of(library, "s--x", bookable=True)
    by_type = {row["type"]: row for row in rows}
    assert set(by_type) == {"aide-materielle", "accompagnement", "atelier"}
    assert by_type["aide-materielle"]["thematiques"] == [datainclusion.INTERNET, datainclusion.ONLINE]
    procedures = by_type["accompagnement"]
    assert "Aidants Connect" in procedures["description"]
    assert procedures["lien_mobilisation"].endswith("#rendez-vous")
    assert "utiliser-lien-mobilisation" in procedures["modes_mobilisation"]
    assert by_type["atelier"]["thematiques"] == [datainclusion.BASICS]
    assert procedures["publics"] == ["familles", "seniors", "personnes-en-situation-de-handicap"]
    assert procedures["horaires_accueil"] == "Tu,Th 14:00-18:00; Sa 10:00-12:30; PH off"  # OSM, for machines
    shop = datainclusion.services_of(places["shop"], "s--y", bookable=False)
    assert [(row["type"], row["frais"]) for row in shop] == [("aide-materielle", "payant")]


def test_the_point_daccueil_is_the_structure_the_rights_export_publishes(client, places):
    structures = client.get(reverse("digital:structures_json")).json()
    of_rights = client.get(reverse("rights:structures_json")).json()
    library = next(row for row in of_rights if row["nom"] == "Espace numérique de la médiathèque")
    assert library in structures


def test_an_invalid_value_fails_the_schema(places):
    """The validation is real: a thématique outside the schema's list is caught."""
    row = datainclusion.services()[0]
    row["thematiques"] = ["numerique--wifi"]
    with pytest.raises(ValidationError):
        Service.model_validate(row)


def test_the_list_links_to_the_datainclusion_files(client, places):
    page = client.get(reverse("digital:places")).content.decode()
    assert reverse("digital:services_json") in page and reverse("digital:structures_json") in page
