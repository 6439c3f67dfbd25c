"""The ORDS CSV: checked against the Table Schema written from the published standard (fixtures/)."""

import pytest
from django.urls import reverse

from solidarite.repairs import export, ords, services
from tests.factories import UserFactory
from tests.repairs import tablecheck
from tests.repairs.factories import brought, make_cafe

pytestmark = pytest.mark.django_db
SCHEMA = tablecheck.load("ords-v0.3.tableschema.json")


def _session_with_outcomes():
    volunteer = UserFactory()
    action = make_cafe(volunteers=[volunteer])
    fixed = brought(action, volunteer, product_category=14, brand="Moulinex", product_age="4")
    services.set_outcome(fixed, by=volunteer, repair_status=ords.FIXED, repairers=[volunteer.pk])
    dead = brought(action, volunteer, product_category=16, brand="", problem='Écran fêlé, "charnière" cassée')
    services.set_outcome(dead, by=volunteer, repair_status=ords.END_OF_LIFE, repair_barrier=2)
    maybe = brought(action, volunteer, product_category=33, problem="Ne lit plus les DVD\nni les CD")
    services.set_outcome(maybe, by=volunteer, repair_status=ords.REPAIRABLE)
    brought(action, volunteer, problem="En cours")  # no outcome yet: not exported
    services.preregister(action, fixed.event_date, by=UserFactory(), product_category=1, problem="Fuit")
    return action


def test_the_ords_csv_is_valid_against_the_published_schema_and_holds_only_recorded_outcomes(client):
    action = _session_with_outcomes()
    response = client.get(reverse("repairs:ords_csv"))
    assert response.status_code == 200
    text = response.content.decode()

    assert tablecheck.errors(text, SCHEMA) == []
    rows = list(export.rows())
    assert [r["repair_status"] for r in rows] == ["Fixed", "End of life", "Repairable"]
    assert rows[0]["product_category"] == "Kettle"
    assert rows[0]["product_category_id"] == 14
    assert rows[0]["product_age"] == "4"
    assert rows[1]["repair_barrier_if_end_of_life"] == "Spare parts too expensive"
    assert rows[1]["brand"] == "Unknown"
    assert rows[0]["group_identifier"] == action.association.slug
    assert rows[0]["country"] == "FRA"
    # No account, no name, no weight of a person: the file names none.
    assert "Voisin" not in text and "@" not in text


def test_the_codelists_are_the_published_ones():
    fields = {f["name"]: f for f in SCHEMA["fields"]}
    assert [text for _n, text, _l in ords.PRODUCT_CATEGORIES] == [
        SCHEMA["x-product-category-ids"][str(n)] for n in range(1, 41)
    ]
    assert set(ords.STATUS_TEXT.values()) == set(fields["repair_status"]["constraints"]["enum"])
    assert list(ords.BARRIER_TEXT.values()) == fields["repair_barrier_if_end_of_life"]["constraints"]["enum"]
    assert [f["name"] for f in SCHEMA["fields"]] == ords.COLUMNS


def test_the_check_catches_a_file_that_breaks_the_schema():
    """The schema check itself fails on what the standard forbids (so a passing check means something)."""
    header = ",".join(ords.COLUMNS)
    good = "solidarite-1,P,FRA,Bouilloire,Kettle,14,Unknown,,,Fixed,,g,2026-11-20,Ne chauffe plus,2026-11-20"
    assert tablecheck.errors(f"{header}\r\n{good}\r\n", SCHEMA) == []
    bad = [
        good.replace(",Fixed,", ",Réparé,"),
        good.replace("Kettle,14", "Bouilloire,14"),
        good.replace(",FRA,", ",France,"),
        good.replace("2026-11-20,Ne", "20/11/2026,Ne"),
        good.replace(",Fixed,,", ",Fixed,Too worn,"),
        good.replace("Ne chauffe plus", ""),
    ]
    for line in bad:
        assert tablecheck.errors(f"{header}\r\n{line}\r\n", SCHEMA), line
    assert tablecheck.errors(f"{header}\r\n{good}\r\n{good}\r\n", SCHEMA)  # the same id twice
