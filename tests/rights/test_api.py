"""/api/v1/rights/: the guide and the points d'accueil, public, paginated, filtered like the pages."""

import pytest
from rest_framework.test import APIClient

from tests.rights.factories import make_aid, make_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(staff):
    ccas = make_place(by=staff)
    make_aid(by=staff, provider=ccas)
    make_aid(
        by=staff,
        slug="cheque-energie",
        title="Chèque énergie",
        keywords="",
        institution="etat",
        themes=["difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere"],
        publics=["faibles-ressources"],
    )
    make_aid(by=staff, slug="brouillon", title="Brouillon", is_published=False)
    ccas.aids.set(ccas.provided_aids.all())
    return ccas


def titles(response) -> list[str]:
    return [row["title"] for row in response.json()["results"]]


def test_aids_are_public_paginated_and_published_only(guide):
    response = APIClient().get("/api/v1/rights/aids/")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2 and set(data) >= {"next", "previous", "results"}
    row = data["results"][0]
    assert row["title"] == "Aide au loyer" and row["institution_name"] == "CAF de Loire-Atlantique"
    assert row["thematiques"] == ["logement-hebergement--se-maintenir-dans-le-logement"]
    assert row["publics"] == ["locataire"] and row["eligibility"] == ["Être locataire", "Avoir des revenus modestes"]
    assert row["provider"]["slug"] == "ccas-test" and row["review_overdue"] is False
    assert "reviewer" not in row and "updated_by" not in row
    assert APIClient().get("/api/v1/rights/aids/brouillon/").status_code == 404
    assert APIClient().get("/api/v1/rights/aids/", {"limit": 1}).json()["next"]


def test_aids_filter_like_the_page(guide):
    client = APIClient()
    assert titles(client.get("/api/v1/rights/aids/", {"q": "energie"})) == ["Chèque énergie"]
    assert titles(client.get("/api/v1/rights/aids/", {"theme": "logement-hebergement"})) == ["Aide au loyer"]
    assert titles(client.get("/api/v1/rights/aids/", {"public": "faibles-ressources"})) == ["Chèque énergie"]


def test_a_bad_filter_is_a_400_with_a_french_detail(guide):
    response = APIClient().get("/api/v1/rights/aids/", {"public": "martiens"})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Certaines informations ne sont pas valides." and "public" in body["errors"]
    assert APIClient().get("/api/v1/rights/places/", {"theme": "\u00e9"}).status_code == 400


def test_staff_see_drafts_through_the_api(guide, staff):
    client = APIClient()
    client.force_authenticate(staff)
    assert client.get("/api/v1/rights/aids/brouillon/").status_code == 200


def test_places_with_phone_hours_open_now_and_aids(guide):
    [row] = APIClient().get("/api/v1/rights/places/").json()["results"]
    assert row["phone"] == "02 40 84 43 00" and row["open_now"] is True
    assert row["hours_status"].startswith("Ouvert maintenant") and row["aids"] == ["aide-au-loyer"]
    assert APIClient().get("/api/v1/rights/places/", {"theme": "numerique"}).json()["count"] == 0


def test_the_api_is_read_only(guide, staff):
    client = APIClient()
    client.force_authenticate(staff)
    assert client.post("/api/v1/rights/aids/", {"title": "x"}).status_code == 405
    assert client.delete("/api/v1/rights/places/ccas-test/").status_code == 405


def test_the_routes_are_in_the_openapi_schema(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert {
        "/api/v1/rights/aids/",
        "/api/v1/rights/aids/{slug}/",
        "/api/v1/rights/places/",
        "/api/v1/rights/places/{slug}/",
    } <= set(schema["paths"])
    names = {p["name"] for p in schema["paths"]["/api/v1/rights/aids/"]["get"]["parameters"]}
    assert {"q", "theme", "public", "institution", "limit", "offset"} <= names
