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


@pytest.mark.django_db
@pytest.mark.parametrize("body_format", ["json", "multipart"])
def test_api_refuses_a_nul_byte_in_the_body_with_a_french_400(body_format):
    # Found by the API fuzzing: a slug looked up as sent made PostgreSQL fail (a 500).
    from rest_framework.test import APIClient

    from solidarite.shops.models import Initiative
    from tests.factories import UserFactory

    client = APIClient()
    client.force_authenticate(UserFactory(staff=True))
    body = {"shop": "\x00boulangerie", "kind": "repair-cafe", "title": "Atelier", "starts_on": "2030-01-01"}
    response = client.post("/api/v1/shops/initiatives/", body, format=body_format)
    assert response.status_code == 400
    assert response.json() == {"detail": "La requête contient un caractère interdit."}
    assert not Initiative.objects.exists()


@pytest.mark.django_db
def test_api_refuses_a_nul_byte_in_a_json_key_or_a_nested_list(client):
    from rest_framework.test import APIClient

    from tests.factories import UserFactory

    api = APIClient()
    api.force_authenticate(UserFactory())
    for body in ({"display_name\x00": "Jo"}, {"tags": ["ok", ["a\x00"]]}):
        response = api.patch("/api/v1/me/", body, format="json")
        assert response.status_code == 400, body
        assert response.json() == {"detail": "La requête contient un caractère interdit."}


def test_a_form_with_a_nul_byte_is_refused_before_any_lookup(client_for, staff):
    # A choice looked up by slug (the staff merge form) would make PostgreSQL fail with a 500.
    from associations.directory.models import Association
    from tests.directory.factories import AssociationFactory

    duplicate, kept = AssociationFactory(), AssociationFactory()
    response = client_for(staff).post(f"/associations/{duplicate.slug}/fusionner/", {"into": f"{kept.slug}\x00"})
    assert response.status_code == 400
    assert "La requête contient un caractère interdit." in response.text
    assert Association.objects.get(pk=duplicate.pk).merged_into is None


def test_ordinary_forms_pass(client_for, user):
    response = client_for(user).post("/compte/profil/", {"display_name": "Jo"})
    assert response.status_code in (200, 302)
