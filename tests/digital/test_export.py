"""The national « lieux de médiation numérique » export, validated against the standard's own schema
(v1.0.2, shipped in tests/digital/fixtures with its source)."""

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from django.urls import reverse

from solidarite.digital import mednum
from tests.digital.factories import mark, media_library
from tests.directory.factories import AssociationFactory
from tests.rights.factories import make_permanence
from tests.rooms.factories import RoomFactory
from tests.shops.factories import ShopFactory

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "standard-mediation-num-v1.0.2.schema.json").read_text())
TOWN_SIRET = "21440143500019"
TYPES = {"string": "string", "number": "number", "date": "string"}


def json_schema(table_schema: dict) -> dict:
    """The Table Schema's fields as a JSON Schema of one row: Table Schema patterns match the whole value
    (XML Schema regular expressions), so each is anchored at both ends; dates are ISO days."""
    properties, required = {}, []
    for field in table_schema["fields"]:
        constraints = field.get("constraints", {})
        prop = {"type": TYPES[field["type"]]}
        if "pattern" in constraints:
            prop["pattern"] = f"^(?:{constraints['pattern']})$"
        if "maxLength" in constraints:
            prop["maxLength"] = constraints["maxLength"]
        if field["type"] == "date":
            prop["pattern"] = r"^\d{4}-\d{2}-\d{2}$"
        properties[field["name"]] = prop
        if constraints.get("required"):
            required.append(field["name"])
    return {
        "type": "array",
        "items": {"type": "object", "properties": properties, "required": required, "additionalProperties": False},
    }


@pytest.fixture
def places(settings):
    settings.TOWN_SIRET = TOWN_SIRET
    library = media_library()
    make_permanence(place=library, slug="conseiller-numerique", opening_hours="We 14:00-18:00", walk_in_hours="")
    return [
        mark(
            library,
            free_computers=True,
            printing=True,
            online_procedures=True,
            beginner_workshops=True,
            aidants_connect=True,
            conseiller_numerique=True,
            publics=["seniors", "familles"],
            support=["deficience-visuelle", "anglais"],
            summary="Ordinateurs et aide aux démarches.",
        ),
        mark(RoomFactory(), beginner_workshops=True, opening_hours="Mo 14:00-16:00", fee="gratuit-sous-condition"),
        mark(AssociationFactory(phone="02 40 00 30 30", email="contact@asso.fr"), free_computers=True),
        mark(ShopFactory(phone="02 40 00 70 70"), fee="payant"),
    ]


def test_the_schema_fixture_is_the_published_version():
    assert SCHEMA["name"] == "standard-mediation-num" and SCHEMA["version"] == f"v{mednum.VERSION}"
    assert [field["name"] for field in SCHEMA["fields"]] == mednum.FIELDS


def test_the_json_export_is_valid_against_the_national_schema(client, places):
    response = client.get(reverse("digital:export_json"))
    rows = response.json()
    jsonschema.validate(rows, json_schema(SCHEMA))
    assert len(rows) == 4
    library = next(row for row in rows if row["nom"] == "Espace numérique de la médiathèque")
    assert library["services"] == (
        "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien|"
        "Accès internet et matériel informatique"
    )
    assert library["dispositif_programmes_nationaux"] == "Aidants Connect|Conseillers numériques"
    assert library["horaires"] == "Tu,Th 14:00-18:00; Sa 10:00-12:30; PH off"  # OSM syntax, as the standard asks
    assert "Prendre un RDV en ligne" in library["modalites_acces"] and library["prise_rdv"].endswith("#rendez-vous")
    assert library["pivot"] == TOWN_SIRET and library["code_insee"] == "44143"
    assert library["publics_specifiquement_adresses"] == "Familles et/ou enfants|Seniors"


def test_a_place_with_an_invalid_value_would_fail_the_schema(places):
    """The validation is real: a value outside the standard's lists is caught."""
    rows, _left_out = mednum.rows("https://solidarite.example.fr")
    rows[0]["services"] = "Wifi gratuit"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(rows, json_schema(SCHEMA))


def test_the_csv_export_has_the_standard_columns_and_valid_rows(client, places):
    response = client.get(reverse("digital:export_csv"))
    assert response["Content-Type"].startswith("text/csv")
    reader = csv.DictReader(io.StringIO(response.content.decode("utf-8")))
    assert reader.fieldnames == [field["name"] for field in SCHEMA["fields"]]
    rows = []
    for line in reader:
        row = {name: value for name, value in line.items() if value != ""}
        for name in ("latitude", "longitude"):
            if name in row:
                row[name] = float(row[name])
        rows.append(row)
    jsonschema.validate(rows, json_schema(SCHEMA))
    assert len(rows) == 4


def test_a_place_with_no_siret_nor_rna_is_left_out_and_counted(settings, places):
    settings.TOWN_SIRET = ""  # the town's SIRET is not set yet: its own places have no pivot
    rows, left_out = mednum.rows("https://solidarite.example.fr")
    assert left_out == 2 and len(rows) == 2


def test_the_list_links_to_both_exports(client, places):
    page = client.get(reverse("digital:places")).content.decode()
    assert reverse("digital:export_json") in page and reverse("digital:export_csv") in page
