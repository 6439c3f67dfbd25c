"""``/api/v1/repairs/…``: the same rules as the pages, refusals in French, never a 500."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from solidarite.repairs import ords
from solidarite.repairs.models import RepairRecord
from tests.factories import UserFactory
from tests.repairs.factories import brought, day_of, make_cafe

pytestmark = pytest.mark.django_db


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _args(action):
    return [action.pk, day_of(action).isoformat()]


def test_sessions_are_public():
    action = make_cafe(title="Repair café des Isles")
    data = api().get(reverse("api:repairs-sessions")).json()
    assert [(s["action"], s["title"], s["day"]) for s in data] == [
        (action.pk, "Repair café des Isles", day_of(action).isoformat())
    ]


def test_a_volunteer_records_then_notes_the_outcome_and_credits_a_repairer():
    volunteer, other = UserFactory(), UserFactory()
    action = make_cafe(volunteers=[volunteer, other])
    created = api(volunteer).post(
        reverse("api:repairs-records", args=_args(action)),
        {"product_category": 19, "problem": "Écran noir", "weight_kg": "0.18", "brand": "Fairphone"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["transitions"] == ["outcome"]
    step = api(volunteer).post(
        reverse("api:repairs-record-step", args=[body["id"]]),
        {"step": "outcome", "repair_status": ords.FIXED, "repairers": [other.pk]},
        format="json",
    )
    assert step.status_code == 200, step.json()
    assert step.json()["repairers"] == [other.pk]
    listed = api(volunteer).get(reverse("api:repairs-records", args=_args(action))).json()
    assert [(r["status"], r["repair_status"], r["weight_kg"]) for r in listed] == [("done", 1, "0.18")]
    assert "owner" not in listed[0]


def test_strangers_and_visitors_cannot_read_or_write_records():
    volunteer = UserFactory()
    action = make_cafe(volunteers=[volunteer])
    record = brought(action, volunteer)
    url = reverse("api:repairs-records", args=_args(action))
    assert api().get(url).status_code in (401, 403)
    assert api(UserFactory()).get(url).status_code == 403
    refused = api(UserFactory()).post(
        reverse("api:repairs-record-step", args=[record.pk]), {"step": "outcome", "repair_status": 1}, format="json"
    )
    assert refused.status_code == 403
    assert "bénévoles" in refused.json()["detail"]
    record.refresh_from_db()
    assert record.status == RepairRecord.Status.BROUGHT


def test_bad_input_is_a_french_400_and_changes_nothing():
    volunteer = UserFactory()
    action = make_cafe(volunteers=[volunteer])
    url = reverse("api:repairs-records", args=_args(action))
    for body in (
        {"product_category": 14, "problem": "x"},  # no weight
        {"product_category": 77, "problem": "x", "weight_kg": "1"},
        {"product_category": 14, "problem": "Appelez le 06 12 34 56 78", "weight_kg": "1"},
        ["not", "an", "object"],
    ):
        response = api(volunteer).post(url, body, format="json")
        assert response.status_code == 400, (body, response.content)
    assert RepairRecord.objects.count() == 0
    assert api(volunteer).get(reverse("api:repairs-records", args=[action.pk, "2026-13-01"])).status_code == 404


def test_a_resident_preregisters_and_withdraws_through_the_api():
    resident = UserFactory()
    action = make_cafe()
    created = api(resident).post(
        reverse("api:repairs-preregistrations", args=_args(action)),
        {"product_category": 27, "problem": "Le fil casse"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["transitions"] == ["withdraw"]
    step = api(resident).post(
        reverse("api:repairs-record-step", args=[created.json()["id"]]), {"step": "withdraw"}, format="json"
    )
    assert step.json()["status"] == "withdrawn"
    assert api().post(
        reverse("api:repairs-preregistrations", args=_args(action)),
        {"product_category": 27, "problem": "Le fil casse"},
        format="json",
    ).status_code in (401, 403)
