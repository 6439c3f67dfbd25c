import datetime as dt

import pytest
from django.utils import timezone

from associations.directory.models import Action, Association
from tests.directory.factories import ActionFactory, AssociationFactory, make_manager
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_public_read_endpoints(client):
    AssociationFactory(name="Théâtre du Ragon")
    AssociationFactory(name="Masquée", hidden=True)
    ActionFactory(title="Répétition")
    response = client.get("/api/v1/associations/", {"q": "theatre"})
    assert response.status_code == 200
    assert [a["name"] for a in response.json()["results"]] == ["Théâtre du Ragon"]
    slug = response.json()["results"][0]["slug"]
    assert client.get(f"/api/v1/associations/{slug}/").json()["name"] == "Théâtre du Ragon"
    hidden = Association.objects.get(name="Masquée")
    assert client.get(f"/api/v1/associations/{hidden.slug}/").status_code == 404
    actions = client.get("/api/v1/actions/").json()["results"]
    assert [a["title"] for a in actions] == ["Répétition"]


def test_managers_write_and_others_are_refused(client_for):
    association = AssociationFactory()
    manager = make_manager(association)
    start = timezone.now() + dt.timedelta(days=2)
    payload = {
        "association": association.slug,
        "title": "Vide-grenier",
        "description": "<script>x</script>Bienvenue",
        "starts_at": start.isoformat(),
        "ends_at": (start + dt.timedelta(hours=5)).isoformat(),
        "tags": ["brocante"],
    }
    stranger = client_for(UserFactory()).post("/api/v1/actions/", payload, content_type="application/json")
    assert stranger.status_code == 403 and "detail" in stranger.json()
    created = client_for(manager).post("/api/v1/actions/", payload, content_type="application/json")
    assert created.status_code == 201, created.json()
    action = Action.objects.get()
    assert action.description == "Bienvenue" and created.json()["tags"] == ["brocante"]
    patch = client_for(UserFactory()).patch(
        f"/api/v1/associations/{association.slug}/", {"purpose": "pirate"}, content_type="application/json"
    )
    assert patch.status_code == 403
    ok = client_for(manager).patch(
        f"/api/v1/associations/{association.slug}/", {"purpose": "Nouveau"}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["purpose"] == "Nouveau"


def test_bad_input_is_a_french_400(client_for, user):
    response = client_for(user).post(
        "/api/v1/associations/",
        {"name": "Test", "purpose": "x", "rna": "W1", "opening_hours": "n'importe"},
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "W suivi de 9 chiffres" in str(errors["rna"]) and "OpenStreetMap" in str(errors["opening_hours"])
    assert not Association.objects.exists()


def test_participants_are_for_managers(client_for):
    action = ActionFactory()
    manager = make_manager(action.association)
    neighbour = UserFactory(display_name="Paulette")
    assert (
        client_for(neighbour)
        .post(f"/api/v1/actions/{action.pk}/participate/", {"kind": "attend"}, content_type="application/json")
        .status_code
        == 201
    )
    assert client_for(neighbour).get(f"/api/v1/actions/{action.pk}/participants/").status_code == 403
    people = client_for(manager).get(f"/api/v1/actions/{action.pk}/participants/").json()["results"]
    assert people == [{"name": "Paulette", "kind": "attend", "created_at": people[0]["created_at"]}]


def test_the_schema_lists_the_endpoints(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/api/v1/associations/" in body and "/api/v1/actions/{id}/participate/" in body
