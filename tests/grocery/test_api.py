"""/api/v1/grocery/…: slots are public, a household books by code, the till reads only what it needs."""

import datetime as dt

import pytest
from django.urls import reverse

from solidarite.grocery.models import SlotBooking, Visit
from tests.factories import UserFactory
from tests.grocery.factories import make_grocery, orient

pytestmark = pytest.mark.django_db


def test_slots_are_public_and_name_no_one(client):
    grocery = make_grocery()
    answer = client.get(reverse("api:grocery-slots", args=[grocery.slug])).json()
    assert answer and set(answer[0]) == {"start", "end", "capacity", "free", "bookable"}


def test_a_household_books_by_code_without_an_account(client):
    grocery = make_grocery()
    orientation, code = orient(grocery)
    start = next(s for s in client.get(reverse("api:grocery-slots", args=[grocery.slug])).json() if s["bookable"])
    url = reverse("api:grocery-bookings", args=[grocery.slug])
    response = client.post(url, {"code": code, "start": start["start"]}, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert SlotBooking.objects.get().household == orientation.household
    wrong = client.post(url, {"code": "AAAAA-AAAAA", "start": start["start"]}, content_type="application/json")
    assert wrong.status_code == 400 and "pas reconnu" in str(wrong.json())


def test_the_till_reads_the_right_and_what_is_left_and_nothing_else(client):
    volunteer = UserFactory()
    grocery = make_grocery(volunteers=[volunteer])
    orientation, code = orient(grocery, allowance=4000, contact="jeanne@exemple.fr")
    client.force_login(volunteer)
    card = client.post(
        reverse("api:grocery-till", args=[grocery.slug]), {"code": code}, content_type="application/json"
    )
    assert card.status_code == 200
    body = card.json()
    assert body["valid_until"] == orientation.ends_on.isoformat() and body["left"] == 4000
    assert "jeanne" not in card.content.decode()
    assert set(body) == {"valid", "valid_until", "unit", "allowance", "left", "size_band", "slot_today", "basket"}
    visits = reverse("api:grocery-visits", args=[grocery.slug])
    made = client.post(visits, {"code": code, "amount": 1500}, content_type="application/json")
    assert made.status_code == 201 and made.json()["left"] == 2500
    over = client.post(visits, {"code": code, "amount": 3000}, content_type="application/json")
    assert over.status_code == 400
    assert Visit.objects.count() == 1
    # The till does not list the épicerie's visits: managers do.
    assert client.get(visits).status_code == 403


def test_the_till_api_is_closed_to_others(client):
    grocery = make_grocery()
    _orientation, code = orient(grocery)
    url = reverse("api:grocery-till", args=[grocery.slug])
    assert client.post(url, {"code": code}, content_type="application/json").status_code in (401, 403)
    client.force_login(UserFactory())
    assert client.post(url, {"code": code}, content_type="application/json").status_code == 403


def test_managers_list_visits_without_households(client):
    manager = UserFactory()
    grocery = make_grocery(managers=[manager])
    orientation, code = orient(grocery)
    client.force_login(manager)
    client.post(
        reverse("api:grocery-visits", args=[grocery.slug]),
        {"code": code, "amount": 100},
        content_type="application/json",
    )
    page = client.get(reverse("api:grocery-visits", args=[grocery.slug])).json()
    assert page["count"] == 1 and set(page["results"][0]) == {"id", "at", "amount", "size_band"}


def test_a_shop_offers_surplus_and_a_matched_manager_accepts_through_the_api(client):
    from django.utils import timezone

    from solidarite.grocery.surplus_models import Need
    from tests.shops.factories import ShopFactory

    manager = UserFactory()
    grocery = make_grocery(managers=[manager], latitude="47.196000", longitude="-1.548000")
    Need.objects.create(grocery=grocery, category="frais", updated_at=timezone.now())
    shop = ShopFactory(owned=True)
    client.force_login(shop.owner)
    until = (timezone.now() + dt.timedelta(hours=120)).isoformat()
    url = reverse("api:grocery-surplus-list")
    made = client.post(
        url,
        {"shop": shop.slug, "category": "frais", "what": "Yaourts", "kg": "8", "until": until},
        content_type="application/json",
    )
    assert made.status_code == 201, made.json()
    assert made.json()["transitions"] == ["withdraw"]
    client.force_login(manager)
    listed = client.get(url).json()
    assert [row["what"] for row in listed] == ["Yaourts"] and listed[0]["transitions"] == ["accept"]
    step = reverse("api:grocery-surplus-step", args=[listed[0]["id"]])
    accepted = client.post(step, {"step": "accept"}, content_type="application/json")
    assert accepted.status_code == 200 and accepted.json()["accepted_by"] == grocery.name
    client.force_login(UserFactory())
    other = client.post(
        url,
        {"shop": shop.slug, "category": "frais", "what": "x", "kg": "1", "until": until},
        content_type="application/json",
    )
    assert other.status_code == 403


def test_every_grocery_route_is_in_the_openapi_schema(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert {
        "/api/v1/grocery/{slug}/slots/",
        "/api/v1/grocery/{slug}/bookings/",
        "/api/v1/grocery/{slug}/basket/",
        "/api/v1/grocery/{slug}/till/",
        "/api/v1/grocery/{slug}/visits/",
        "/api/v1/grocery/surplus/",
        "/api/v1/grocery/surplus/{id}/step/",
    } <= set(schema["paths"])
