"""The rooms API: availability for anyone, bookings through the same rules as the pages."""

import datetime as dt

from rest_framework.test import APIClient

from associations.rooms import services
from associations.rooms.models import Booking
from tests.rooms.factories import AssociationFactory, RoomFactory


def api(user=None) -> APIClient:
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


def test_availability_lists_open_hours_and_taken_slots_without_private_names(room, slot, staff):
    start, end = slot
    services.book(
        room=room, association=AssociationFactory(name="Club discret"), by=staff, start=start, end=end, is_public=False
    )
    response = api().get(f"/api/v1/rooms/{room.slug}/availability/", {"from": start.date().isoformat(), "days": 1})
    assert response.status_code == 200
    data = response.json()
    assert [(t["holder"], t["status"]) for t in data["taken"]] == [("", "confirmed")]
    assert dt.datetime.fromisoformat(data["open"][0]["start"]).hour == 8
    assert "Club discret" not in response.content.decode()


def test_availability_refuses_a_bad_date_with_400(room):
    response = api().get(f"/api/v1/rooms/{room.slug}/availability/", {"from": "demain"})
    assert response.status_code == 400
    assert "AAAA-MM-JJ" in response.content.decode()


def test_a_manager_books_and_cancels_through_the_api(room, association, manager, slot):
    start, end = slot
    response = api(manager).post(
        "/api/v1/rooms/bookings/",
        {
            "room": room.slug,
            "association": association.pk,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "title": "Réunion",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    booking_id = response.json()[0]["id"]
    assert api(manager).get("/api/v1/rooms/bookings/").json()["results"][0]["id"] == booking_id
    cancelled = api(manager).post(f"/api/v1/rooms/bookings/{booking_id}/cancel/", {}, format="json")
    assert cancelled.status_code == 200 and cancelled.json()[0]["status"] == "cancelled"


def test_a_client_books_for_its_association_with_the_id_the_directory_api_gives(room, association, manager, slot):
    # Bookings and support requests name an association by its id: the directory API must give it.
    listed = api().get("/api/v1/associations/", {"limit": 200}).json()["results"]
    [entry] = [row for row in listed if row["slug"] == association.slug]
    start, end = slot
    body = {"room": room.slug, "association": entry["id"], "start": start.isoformat(), "end": end.isoformat()}
    response = api(manager).post("/api/v1/rooms/bookings/", body, format="json")
    assert response.status_code == 201, response.json()
    assert Booking.objects.get(pk=response.json()[0]["id"]).association == association


def test_a_clashing_series_answers_400_with_the_dates(room, association, manager, slot, staff):
    start, end = slot
    services.book(
        room=room,
        association=AssociationFactory(),
        by=staff,
        start=start + dt.timedelta(weeks=2),
        end=end + dt.timedelta(weeks=2),
    )
    response = api(manager).post(
        "/api/v1/rooms/bookings/",
        {
            "room": room.slug,
            "association": association.pk,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "frequency": "weekly",
            "until": (start + dt.timedelta(weeks=3)).date().isoformat(),
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["unavailable_dates"] == [(start + dt.timedelta(weeks=2)).date().isoformat()]
    assert Booking.objects.count() == 1


def test_someone_else_cannot_book_for_the_association(room, association, user, slot):
    start, end = slot
    response = api(user).post(
        "/api/v1/rooms/bookings/",
        {"room": room.slug, "association": association.pk, "start": start.isoformat(), "end": end.isoformat()},
        format="json",
    )
    assert response.status_code == 403
    assert not Booking.objects.exists()


def test_only_staff_approve_through_the_api(association, manager, staff, slot):
    room = RoomFactory(needs_approval=True)
    start, end = slot
    booking = services.book(room=room, association=association, by=manager, start=start, end=end)
    assert api(manager).post(f"/api/v1/rooms/bookings/{booking.pk}/approve/", {}).status_code == 403
    response = api(staff).post(f"/api/v1/rooms/bookings/{booking.pk}/approve/", {"message": "OK"})
    assert response.status_code == 200 and response.json()[0]["status"] == "confirmed"


def test_anonymous_visitors_cannot_list_bookings(db):
    assert api().get("/api/v1/rooms/bookings/").status_code == 401


def test_the_schema_documents_the_rooms_api(db):
    response = api().get("/api/v1/schema/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/api/v1/rooms/{slug}/availability/" in body and "/api/v1/rooms/bookings/{id}/cancel/" in body


def test_the_schema_says_a_booking_may_have_no_association_nor_series(client, db):
    schemas = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["components"][
        "schemas"
    ]
    # A neighbour's booking for a neighbourhood event has no association; a single slot no series.
    assert schemas["Booking"]["properties"]["association"]["nullable"] is True
    assert schemas["Booking"]["properties"]["series"]["nullable"] is True
