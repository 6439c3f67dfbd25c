"""The town's aids as data·inclusion v1 services linked to structures, validated by the schema's own models."""

import pytest
from data_inclusion.schema.v1 import Service, Structure
from django.urls import reverse

from associations.directory.models import Association
from tests.directory.factories import AssociationFactory
from tests.rights.factories import make_aid, make_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(staff):
    ccas = make_place(by=staff, slug="ccas", name="CCAS de Rezé.")
    association = AssociationFactory(
        name="Secours solidaire", status=Association.Status.VERIFIED, siret="73282932000074"
    )
    premises = make_place(
        by=staff,
        slug="local",
        name="Local du Secours solidaire",
        kind="association",
        association=association,
        phone="bientôt",
        opening_hours="",
    )
    make_place(by=staff, slug="cache", name="Pas encore publié", is_published=False)
    make_aid(
        by=staff,
        slug="aide-ccas",
        title="Aide financière du CCAS",
        institution="ccas",
        provider=ccas,
        publics=["faibles-ressources", "locataire"],
        apply_online_url="",
    )
    make_aid(
        by=staff,
        slug="epicerie",
        title="Épicerie sociale",
        institution="association",
        provider=premises,
        themes=["equipement-et-alimentation--alimentation"],
        publics=["tous"],
        apply_online_url="",
        phone="",
    )
    make_aid(by=staff, slug="rsa", title="RSA", institution="departement", provider=ccas)  # not the town's own
    make_aid(by=staff, slug="sans-lieu", title="Aide sans lieu", institution="ville")  # no provider
    return ccas, association, premises


def test_services_validate_against_the_schema_and_point_to_exported_structures(client, town):
    ccas, association, premises = town
    services = client.get(reverse("rights:services_json")).json()
    structures = client.get(reverse("rights:structures_json")).json()
    for row in services:
        Service.model_validate(row, context={"ignore_warnings": False})
    for row in structures:
        Structure.model_validate(row, context={"ignore_warnings": False})
    assert [row["id"] for row in services] == [
        "solidarite-reze--dispositif-aide-ccas",
        "solidarite-reze--dispositif-epicerie",
    ]
    structure_ids = {row["id"] for row in structures}
    assert {row["structure_id"] for row in services} <= structure_ids
    # The association's premises are the association's structure, with the directory's id and SIRET.
    assert f"solidarite-reze--{association.pk}" in structure_ids
    assert (
        next(row for row in structures if row["id"] == f"solidarite-reze--{association.pk}")["siret"]
        == "73282932000074"
    )
    assert "solidarite-reze--accueil-ccas" in structure_ids and "solidarite-reze--accueil-cache" not in structure_ids


def test_a_service_says_what_the_hubs_need(client, town):
    ccas_aid, epicerie = client.get(reverse("rights:services_json")).json()
    assert ccas_aid["nom"] == "Aide financière du CCAS" and ccas_aid["type"] == "aide-financiere"
    assert ccas_aid["thematiques"] == ["logement-hebergement--se-maintenir-dans-le-logement"]
    # "locataire" has no data·inclusion public: it stays in the precisions.
    assert (
        ccas_aid["publics"] is None and ccas_aid["publics_precisions"] == "personnes aux faibles ressources, locataires"
    )
    assert ccas_aid["zone_eligibilite"] == ["44143"] and ccas_aid["telephone"] == "+33240844300"
    assert ccas_aid["horaires_accueil"] == "Mo-Fr 08:30-12:30,13:30-17:30; PH off"
    assert ccas_aid["conditions_acces"] == "Être locataire\nAvoir des revenus modestes"
    assert epicerie["publics"] == ["tous-publics"] and epicerie["modes_mobilisation"] == ["se-presenter"]
    assert epicerie["lien_source"].endswith("/acces-aux-droits/aides/epicerie/")


def test_the_export_is_open_data(client, town):
    response = client.get(reverse("rights:services_json"))
    assert response["Access-Control-Allow-Origin"] == "*" and response["Content-Type"] == "application/json"
