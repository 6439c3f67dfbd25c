"""The API: join a list, read my applications and the offer made to me, accept it; follow an orchard;
managers free a plot. Bad input is a 400 in French and changes nothing."""

import pytest

from solidarite.gardens.models import Application, Follow, Plot
from tests.factories import UserFactory
from tests.gardens.factories import allocated_plot, make_garden, make_orchard

pytestmark = pytest.mark.django_db


def test_apply_get_offered_accept(client):
    garden = make_garden()
    plot = allocated_plot(garden)
    person, manager = UserFactory(), UserFactory(staff=True)
    client.force_login(person)
    response = client.post(f"/api/v1/gardens/{garden.slug}/applications/", {}, content_type="application/json")
    assert response.status_code == 400 and not Application.objects.exists()
    response = client.post(
        f"/api/v1/gardens/{garden.slug}/applications/",
        {"consent": True, "quartier": "ragon"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["status"] == "waiting"

    client.force_login(manager)
    response = client.post(f"/api/v1/gardens/plots/{plot.pk}/step/", {"step": "free"}, content_type="application/json")
    assert response.json()["status"] == "offered"

    client.force_login(person)
    (mine,) = client.get("/api/v1/gardens/applications/").json()
    assert mine["offer"]["transitions"] == ["accept", "decline"]
    response = client.post(
        f"/api/v1/gardens/offers/{mine['offer']['id']}/step/", {"step": "accept"}, content_type="application/json"
    )
    assert response.json()["status"] == "accepted"
    assert Plot.objects.get(pk=plot.pk).status == "allocated"


def test_a_neighbour_cannot_free_a_plot_nor_answer_another_s_offer(client):
    garden = make_garden()
    plot = allocated_plot(garden)
    client.force_login(UserFactory())
    response = client.post(f"/api/v1/gardens/plots/{plot.pk}/step/", {"step": "free"}, content_type="application/json")
    assert response.status_code == 403
    assert (
        client.post("/api/v1/gardens/offers/1/step/", {"step": "accept"}, content_type="application/json").status_code
        == 404
    )


def test_follow_and_unfollow_an_orchard_and_read_the_trees(client):
    orchard = make_orchard()
    assert client.get("/api/v1/gardens/trees/").json()[0]["species"] == "Malus domestica"
    assert client.post(f"/api/v1/gardens/orchards/{orchard.slug}/follow/").status_code in (401, 403)
    client.force_login(UserFactory())
    assert client.post(f"/api/v1/gardens/orchards/{orchard.slug}/follow/").status_code == 201
    assert Follow.objects.count() == 1
    assert client.delete(f"/api/v1/gardens/orchards/{orchard.slug}/follow/").json()["following"] is False
    assert not Follow.objects.exists()
