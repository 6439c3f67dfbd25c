import pytest


@pytest.mark.django_db
def test_api_refuses_a_nul_byte_in_the_query_string_with_a_french_400(client):
    response = client.get("/api/v1/quartiers/?q=a%00b")
    assert response.status_code == 400
    assert response.json() == {"detail": "La requête contient un caractère interdit."}


@pytest.mark.django_db
def test_pages_refuse_a_nul_byte_in_the_query_string(client):
    response = client.get("/?page=%00")
    assert response.status_code == 400


@pytest.mark.django_db
def test_ordinary_query_strings_pass(client):
    assert client.get("/api/v1/quartiers/?q=ab").status_code == 200
