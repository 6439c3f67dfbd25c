"""The API's refusals are in its OpenAPI schema, with the body a client receives."""

import pytest

pytestmark = pytest.mark.django_db

WRITES = {"post", "put", "patch", "delete"}


@pytest.fixture
def schema(client):
    return client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_operation_documents_the_refusals_it_can_answer(schema):
    missing = []
    for path, method, operation in operations(schema):
        expected = {"400", "401", "429"}
        if method in WRITES:
            expected |= {"403", "404"}
        if "{" in path:
            expected.add("404")
        lacking = expected - set(operation["responses"])
        if lacking:
            missing.append(f"{method.upper()} {path}: {sorted(lacking)}")
    assert not missing, "\n".join(missing)


def test_a_refusal_is_described_with_the_body_a_client_receives(schema):
    responses = schema["paths"]["/api/v1/actions/{id}/cancel/"]["post"]["responses"]
    assert responses["404"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert responses["400"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/InvalidRequest"}
    assert "Retry-After" in responses["429"]["headers"]
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]


def test_an_api_url_the_resolver_refuses_answers_json(client):
    response = client.get("/api/v1/actions/abc/participants/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Introuvable."}


def test_a_page_url_the_resolver_refuses_is_still_a_page(client):
    response = client.get("/agenda/actions/abc/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_reads_of_public_things_do_not_claim_a_403(schema):
    assert "403" not in schema["paths"]["/api/v1/quartiers/"]["get"]["responses"]
    assert "404" not in schema["paths"]["/api/v1/quartiers/"]["get"]["responses"]
