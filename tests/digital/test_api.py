"""The API of the places of digital help: the page's filters and order, marking and editing by the same rules."""

import pytest
from rest_framework.test import APIClient

from solidarite.digital.models import DigitalPlace
from tests.digital.factories import mark, staff
from tests.factories import UserFactory
from tests.shops.factories import ShopFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/digital/places/"


def test_the_list_filters_by_service_and_sorts_from_a_point():
    mark(ShopFactory(name="Loin", latitude=47.1950, longitude=-1.5480), printing=True)
    mark(ShopFactory(name="Près", latitude=47.1600, longitude=-1.5500), printing=True)
    mark(ShopFactory(name="Wifi seul", latitude=47.1601, longitude=-1.5501))
    data = APIClient().get(URL, {"service": ["free_wifi", "printing"], "lat": "47.16", "lon": "-1.55"}).json()
    assert data["count"] == 2
    assert [row["place"]["name"] for row in data["results"]] == ["Près", "Loin"]
    assert data["results"][0]["distance_km"] < 0.1 and data["results"][0]["services"] == ["free_wifi", "printing"]
    response = APIClient().get(URL, {"service": "teleportation"})
    assert response.status_code == 400 and "service" in response.json()["errors"]


def test_the_owner_marks_and_edits_their_shop_and_others_are_refused():
    owner = UserFactory()
    shop = ShopFactory(owner=owner)
    client = APIClient()
    client.force_authenticate(owner)
    response = client.post(URL, {"place": f"commerce-{shop.pk}", "free_wifi": True}, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    response = client.patch(f"{URL}{pk}/", {"printing": True, "fee": "payant"}, format="json")
    assert response.status_code == 200 and response.json()["services"] == ["free_wifi", "printing"]
    stranger = APIClient()
    stranger.force_authenticate(UserFactory())
    assert stranger.patch(f"{URL}{pk}/", {"printing": False}, format="json").status_code == 403
    assert stranger.post(URL, {"place": f"commerce-{shop.pk}", "free_wifi": True}, format="json").status_code == 403
    assert DigitalPlace.objects.get().printing


def test_bad_values_are_a_french_400_and_change_nothing():
    place = mark(ShopFactory())
    client = APIClient()
    client.force_authenticate(staff())
    response = client.patch(f"{URL}{place.pk}/", {"opening_hours": "le matin", "publics": ["martiens"]}, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) >= {"publics"}
    response = client.patch(f"{URL}{place.pk}/", {"opening_hours": "le matin"}, format="json")
    assert response.status_code == 400 and "opening_hours" in response.json()["errors"]
    place.refresh_from_db()
    assert place.opening_hours == ""
