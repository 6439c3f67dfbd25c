from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from solidarite.help.models import HelpOffer, HelpRequest, Match, Message
from tests.factories import UserFactory
from tests.help.factories import category, make_offer, make_request

pytestmark = pytest.mark.django_db


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def request_body(**change):
    now = timezone.now()
    body = {
        "category": category().pk,
        "description": "Une étagère à fixer au mur du salon.",
        "tags": ["perceuse"],
        "latitude": 47.19612,
        "longitude": -1.54733,
        "window_start": now.isoformat(),
        "window_end": (now + timedelta(days=3)).isoformat(),
    }
    body.update(change)
    return body


def offer_body(**change):
    body = {
        "categories": [category().pk],
        "description": "J'ai une perceuse et du temps libre.",
        "quartier": "pont-rousseau",
        "radius_km": 3,
        "weekly_slots": "",
    }
    body.update(change)
    return body


def test_the_whole_flow_through_the_api(requester, offerer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert api(offerer).post("/api/v1/help/offers/", offer_body(), format="json").status_code == 201
    with django_capture_on_commit_callbacks(execute=True):
        response = api(requester).post("/api/v1/help/requests/", request_body(), format="json")
    assert response.status_code == 201
    assert response.json()["latitude"] != 47.19612
    match_id = api(offerer).get("/api/v1/help/matches/").json()["results"][0]["id"]
    assert api(offerer).post(f"/api/v1/help/matches/{match_id}/offer-help/").status_code == 200
    response = api(requester).post(f"/api/v1/help/matches/{match_id}/accept/")
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    assert {"label": "Téléphone", "value": offerer.phone} in response.json()["contacts"]
    response = api(offerer).post(f"/api/v1/help/matches/{match_id}/messages/", {"body": "J'arrive"}, format="json")
    assert response.status_code == 201
    page = api(requester).get(f"/api/v1/help/matches/{match_id}/messages/").json()
    assert [m["body"] for m in page["results"]] == ["J'arrive"]


def test_a_requests_matches_are_a_page_like_every_list(requester, offerer, third, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_offer(offerer)
        make_offer(third)
    with django_capture_on_commit_callbacks(execute=True):
        post = make_request(requester)
    assert post.matches.count() == 2
    url = f"/api/v1/help/requests/{post.pk}/matches/"
    everything = api(requester).get(url).json()
    assert everything["count"] == 2 and len(everything["results"]) == 2
    first = api(requester).get(url, {"limit": 1}).json()
    assert [m["id"] for m in first["results"]] == [everything["results"][0]["id"]]
    assert "offset=1" in first["next"]


def test_invalid_posts_get_a_french_400_and_nothing_is_saved(requester):
    response = api(requester).post(
        "/api/v1/help/requests/", request_body(latitude=48.85, longitude=2.35), format="json"
    )
    assert response.status_code == 400 and "en dehors" in str(response.json()["errors"])
    response = api(requester).post("/api/v1/help/offers/", offer_body(radius_km=0), format="json")
    assert response.status_code == 400 and "radius_km" in response.json()["errors"]
    response = api(requester).post("/api/v1/help/offers/", offer_body(weekly_slots="n'importe"), format="json")
    assert response.status_code == 400
    assert not HelpRequest.objects.exists() and not HelpOffer.objects.exists()


def test_visitors_read_but_cannot_post(requester):
    make_request(requester)
    assert api().get("/api/v1/help/requests/").json()["count"] == 1
    assert api().post("/api/v1/help/requests/", request_body(), format="json").status_code in (401, 403)


def test_suspended_accounts_cannot_post_through_the_api():
    response = api(UserFactory(suspended=True)).post("/api/v1/help/requests/", request_body(), format="json")
    assert response.status_code == 403 and not HelpRequest.objects.exists()


def test_rate_limit_answers_429_with_a_message(requester, settings):
    settings.HELP_POSTS_PER_HOUR = 1
    assert api(requester).post("/api/v1/help/requests/", request_body(), format="json").status_code == 201
    response = api(requester).post("/api/v1/help/requests/", request_body(), format="json")
    assert response.status_code == 429 and "patienter" in response.json()["detail"]


def test_the_wrong_user_gets_404_or_403_and_nothing_changes(matched, requester, offerer, third):
    assert api(third).get(f"/api/v1/help/matches/{matched.pk}/").status_code == 404
    assert api(third).post(f"/api/v1/help/matches/{matched.pk}/accept/").status_code == 404
    assert api(requester).post(f"/api/v1/help/matches/{matched.pk}/offer-help/").status_code == 403
    assert api(third).post(f"/api/v1/help/requests/{matched.request_id}/close/").status_code == 403
    assert api(third).get(f"/api/v1/help/requests/{matched.request_id}/matches/").status_code == 403
    assert api(requester).post(f"/api/v1/help/offers/{matched.offer_id}/pause/").status_code == 403
    assert api(third).get(f"/api/v1/help/matches/{matched.pk}/messages/").status_code == 404
    assert Match.objects.get().status == "proposed"
    assert HelpRequest.objects.get().status == "open" and HelpOffer.objects.get().status == "open"
    assert not Message.objects.exists()


def test_reports_through_the_api(requester, third):
    post = make_request(requester)
    response = api(third).post(
        "/api/v1/help/reports/", {"target": "request", "id": post.pk, "reason": "spam"}, format="json"
    )
    assert response.status_code == 201


def test_the_schema_stays_valid(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"/api/v1/help/matches/{id}/accept/" in response.content


@pytest.mark.parametrize(
    ("path", "make"), [("/api/v1/help/requests/", make_request), ("/api/v1/help/offers/", make_offer)]
)
def test_lists_cost_the_same_queries_whatever_their_length(path, make):
    def queries_for_a_list_of(n):
        while len(api().get(path).json()["results"]) < n:
            make(UserFactory(), tags=["perceuse", "étagère"])
        with CaptureQueriesContext(connection) as queries:
            api().get(path)
        return len(queries)

    assert queries_for_a_list_of(2) == queries_for_a_list_of(6)


@pytest.mark.django_db
def test_a_mediator_posts_for_a_resident_through_the_api_under_a_mandate():
    """Issue 15: the API takes a mandate id; resident_name / resident_consent are no longer read."""
    from tests.rights.factories import make_mandate

    mediator = UserFactory(mediator=True)
    mandate = make_mandate(mediator, scopes=["help_requests"])
    refused = api(UserFactory()).post("/api/v1/help/requests/", request_body(mandate=mandate.pk), format="json")
    assert refused.status_code == 400 and "mandate" in refused.json()["errors"]
    response = api(mediator).post("/api/v1/help/requests/", request_body(mandate=mandate.pk), format="json")
    assert response.status_code == 201
    post = HelpRequest.objects.get()
    assert post.mandate == mandate and post.resident_name == "Mme Durand"
    assert mandate.acts.get().kind == "help_request"
