"""``/api/v1/rights/slots|appointments|mandates``: the pages' services behind a JSON API.

Public availability names no one; an appointment or a mandate one may not see is a 404; a refusal a
403 with the service's French message; bad input a 400 in French that saves nothing."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from solidarite.rights import appointments, availability, mandates
from solidarite.rights.models import Appointment, Mandate, MediatorGrant
from tests.factories import UserFactory
from tests.rights.factories import make_mandate, make_permanence

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]
REASON = "logement-hebergement"


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def agent():
    return UserFactory()


@pytest.fixture
def permanence(agent):
    return make_permanence(agents=[agent], opening_hours="Mo-Fr 09:00-17:00", walk_in_hours="")


@pytest.fixture
def mediator():
    return UserFactory(mediator=True, display_name="Nadia Médiatrice")


def free_key(permanence, skip=0):
    return [slot for slot in availability.slots(permanence) if slot.bookable][skip].start.isoformat()


def test_slots_are_public_and_name_nobody(permanence):
    resident = UserFactory(display_name="Rémi Résident")
    start = [slot for slot in availability.slots(permanence) if slot.bookable][0].start
    appointments.book(permanence=permanence, by=resident, start=start, reason=REASON)
    response = api().get("/api/v1/rights/slots/", {"permanence": permanence.slug})
    assert response.status_code == 200
    states = {row["start"]: row["state"] for row in response.json()}
    assert "taken" in states.values() and "free" in states.values()
    assert "Rémi" not in response.content.decode()
    day = start.astimezone(dt.UTC).date().isoformat()
    one_day = api().get("/api/v1/rights/slots/", {"permanence": permanence.slug, "from": day, "to": day}).json()
    assert one_day and all(row["start"][:10] == day for row in one_day)


def test_slots_refuse_bad_input_in_french(permanence):
    for params, field in (
        ({}, "permanence"),
        ({"permanence": "inconnue"}, "permanence"),
        ({"permanence": permanence.slug, "from": "pas-une-date"}, "from"),
    ):
        response = api().get("/api/v1/rights/slots/", params)
        assert response.status_code == 400, params
        assert response.json()["detail"] == "Certaines informations ne sont pas valides."
        assert field in response.json()["errors"]


def test_a_resident_books_sees_and_cancels_their_own(permanence, agent):
    resident, other = UserFactory(), UserFactory()
    response = api(resident).post(
        "/api/v1/rights/appointments/",
        {"permanence": permanence.slug, "start": free_key(permanence), "reason": REASON},
        format="json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["transitions"] == ["cancel"]
    assert [row["id"] for row in api(agent).get("/api/v1/rights/appointments/").json()["results"]] == [pk]
    assert api(other).get(f"/api/v1/rights/appointments/{pk}/").status_code == 404
    assert api(other).post(f"/api/v1/rights/appointments/{pk}/cancel/").status_code == 404
    assert api().get("/api/v1/rights/appointments/").status_code in (401, 403)
    response = api(resident).post(f"/api/v1/rights/appointments/{pk}/cancel/")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"


def test_booking_refusals_are_french_400s(permanence):
    resident = UserFactory()
    response = api(resident).post(
        "/api/v1/rights/appointments/",
        {"permanence": permanence.slug, "start": free_key(permanence), "reason": "pas-un-theme"},
        format="json",
    )
    assert response.status_code == 400 and "reason" in response.json()["errors"]
    response = api(resident).post(
        "/api/v1/rights/appointments/",
        {"permanence": permanence.slug, "start": "2026-13-45T10:00", "reason": REASON},
        format="json",
    )
    assert response.status_code == 400
    assert not Appointment.objects.exists()


def test_a_mediator_books_under_a_mandate_and_follows_the_appointment(permanence, mediator):
    mandate = make_mandate(mediator)
    response = api(mediator).post(
        "/api/v1/rights/appointments/",
        {"permanence": permanence.slug, "start": free_key(permanence), "reason": REASON, "mandate": mandate.pk},
        format="json",
    )
    assert response.status_code == 201 and response.json()["mandate"] == mandate.pk
    assert response.json()["transitions"] == ["cancel"]
    # A neighbour naming someone else's mandate: a French 400, nothing saved.
    response = api(UserFactory()).post(
        "/api/v1/rights/appointments/",
        {"permanence": permanence.slug, "start": free_key(permanence), "reason": REASON, "mandate": mandate.pk},
        format="json",
    )
    assert response.status_code == 400 and "mandate" in response.json()["errors"]
    assert Appointment.objects.count() == 1
    acts = api(mediator).get(f"/api/v1/rights/mandates/{mandate.pk}/").json()["acts"]
    assert [act["kind"] for act in acts] == ["appointment_booked"] and acts[0]["by"] == "Nadia Médiatrice"


def test_a_mediator_records_a_mandate_and_12_months_is_the_limit(mediator):
    structure = MediatorGrant.objects.get(user=mediator).association
    body = {
        "structure": structure.pk,
        "resident_name": "Mme Durand",
        "resident_phone": "02 40 11 22 33",
        "scopes": ["appointments"],
        "consent_method": "phone",
        "ends_on": mandates.add_months(mandates.today(), 12).isoformat(),
    }
    response = api(mediator).post("/api/v1/rights/mandates/", body, format="json")
    assert response.status_code == 400 and "12 mois au plus" in response.json()["errors"]["ends_on"][0]
    body["ends_on"] = mandates.latest_end(mandates.today()).isoformat()
    response = api(mediator).post("/api/v1/rights/mandates/", body, format="json")
    assert response.status_code == 201 and response.json()["resident"] == "Mme Durand"
    assert response.json()["transitions"] == ["revoke"]
    assert api(UserFactory()).post("/api/v1/rights/mandates/", body, format="json").status_code == 403
    body["consent_method"] = "legacy"
    assert api(mediator).post("/api/v1/rights/mandates/", body, format="json").status_code == 400
    assert Mandate.objects.count() == 1


def test_mandates_are_listed_for_their_structure_resident_and_staff_and_revoked(mediator):
    mandate = make_mandate(mediator)
    other_mediator = UserFactory(mediator=True)
    assert [row["id"] for row in api(mediator).get("/api/v1/rights/mandates/").json()["results"]] == [mandate.pk]
    assert api(other_mediator).get("/api/v1/rights/mandates/").json()["results"] == []
    assert api(UserFactory(staff=True)).get(f"/api/v1/rights/mandates/{mandate.pk}/").status_code == 200
    assert api(other_mediator).post(f"/api/v1/rights/mandates/{mandate.pk}/revoke/").status_code == 404
    response = api(mediator).post(f"/api/v1/rights/mandates/{mandate.pk}/revoke/", {"reason": "fin"}, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["resident"], response.json()["transitions"]) == (
        "revoked",
        "",
        [],
    )
    again = api(mediator).post(f"/api/v1/rights/mandates/{mandate.pk}/revoke/")
    assert again.status_code == 400 and "déjà terminé" in str(again.json())
