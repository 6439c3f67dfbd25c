"""The API: items and availability for anyone, booking and cancelling for the borrower, handover and
return for the owner's managers; refusals are 400/403/404 in French and change nothing."""

import pytest
from rest_framework.test import APIClient

from solidarite.lending.models import Loan
from tests.factories import UserFactory
from tests.lending.factories import days_ahead, make_item, manager

pytestmark = pytest.mark.django_db


def client_for(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_anyone_reads_items_with_their_guide_and_availability():
    item = make_item()
    listed = client_for().get("/api/v1/lending/items/").json()
    assert listed["results"][0]["slug"] == item.slug
    assert listed["results"][0]["guide"].startswith("Branchez")
    free = client_for().get(f"/api/v1/lending/items/{item.slug}/availability/", {"days": 10}).json()
    assert free["taken"] == []
    assert client_for().get(f"/api/v1/lending/items/{item.slug}/availability/", {"days": 500}).status_code == 400
    assert client_for().get(f"/api/v1/lending/items/{item.slug}/availability/", {"from": "demain"}).status_code == 400


def test_a_neighbour_books_sees_it_taken_and_cancels():
    item = make_item()
    neighbour = UserFactory()
    api = client_for(neighbour)
    booked = api.post(
        "/api/v1/lending/loans/",
        {"item": item.slug, "first_day": str(days_ahead(2)), "last_day": str(days_ahead(4))},
        format="json",
    )
    assert booked.status_code == 201, booked.json()
    assert booked.json()["transitions"] == ["cancel"]
    taken = client_for().get(f"/api/v1/lending/items/{item.slug}/availability/").json()["taken"]
    assert taken == [{"first_day": str(days_ahead(2)), "last_day": str(days_ahead(4)), "status": "booked"}]
    again = client_for(UserFactory()).post(
        "/api/v1/lending/loans/",
        {"item": item.slug, "first_day": str(days_ahead(3)), "last_day": str(days_ahead(3))},
        format="json",
    )
    assert again.status_code == 400 and "déjà réservé" in str(again.json())
    mine = api.get("/api/v1/lending/loans/").json()["results"]
    assert [loan["id"] for loan in mine] == [booked.json()["id"]]
    # A stranger does not even see it.
    assert client_for(UserFactory()).post(f"/api/v1/lending/loans/{mine[0]['id']}/cancel/").status_code == 404
    assert api.post(f"/api/v1/lending/loans/{mine[0]['id']}/cancel/", {}, format="json").json()["status"] == "cancelled"


def test_only_the_owner_hands_over_and_takes_back_with_a_weight():
    item = make_item()
    neighbour = UserFactory()
    owner = manager(item.lender)
    loan = (
        client_for(neighbour)
        .post(
            "/api/v1/lending/loans/",
            {"item": item.slug, "first_day": str(days_ahead(0)), "last_day": str(days_ahead(1))},
            format="json",
        )
        .json()
    )
    url = f"/api/v1/lending/loans/{loan['id']}/"
    body = {"condition": "good", "weight_kg": "0.42", "deposit": True}
    assert client_for(neighbour).post(url + "hand-over/", body, format="json").status_code == 403
    assert client_for(owner).post(url + "hand-over/", {"condition": "good"}, format="json").status_code == 400
    out = client_for(owner).post(url + "hand-over/", body, format="json")
    assert out.status_code == 200 and out.json()["status"] == "out" and out.json()["weight_kg"] == "0.42"
    assert client_for(owner).post(url + "hand-over/", body, format="json").status_code == 400  # not twice
    back = client_for(owner).post(url + "take-back/", {**body, "condition": "worn"}, format="json")
    assert back.json()["status"] == "returned"
    assert Loan.objects.get().status == "returned"


def test_bad_bookings_are_400_in_french():
    item = make_item()
    api = client_for(UserFactory())
    assert api.post("/api/v1/lending/loans/", {}, format="json").status_code == 400
    wrong = api.post(
        "/api/v1/lending/loans/",
        {"item": item.slug, "first_day": str(days_ahead(5)), "last_day": str(days_ahead(2))},
        format="json",
    )
    assert wrong.status_code == 400 and "après le jour du retrait" in str(wrong.json())
    unknown = api.post(
        "/api/v1/lending/loans/", {"item": "nope", "first_day": "2030-01-01", "last_day": "2030-01-02"}, format="json"
    )
    assert unknown.status_code == 404
    assert client_for().post("/api/v1/lending/loans/", {}, format="json").status_code in (401, 403)
    assert not Loan.objects.exists()


def test_city_staff_see_and_record_the_loans_of_the_towns_items():
    from tests.lending.factories import make_lender

    item = make_item(make_lender(kind="town", manager=UserFactory()))
    staff = UserFactory(is_staff=True)
    loan = (
        client_for(UserFactory())
        .post(
            "/api/v1/lending/loans/",
            {"item": item.slug, "first_day": str(days_ahead(0)), "last_day": str(days_ahead(1))},
            format="json",
        )
        .json()
    )
    assert [row["id"] for row in client_for(staff).get("/api/v1/lending/loans/").json()["results"]] == [loan["id"]]
    body = {"condition": "good", "weight_kg": "2"}
    assert (
        client_for(staff).post(f"/api/v1/lending/loans/{loan['id']}/hand-over/", body, format="json").status_code == 200
    )
