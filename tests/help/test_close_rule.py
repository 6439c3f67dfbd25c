"""A met need stays met: a request with an accepted match (matched) or whose help took place
(done) cannot be closed, by the page or by the API, so the dashboard never counts it unmet.

What closing a matched request means: its author either says the help took place (the match's
``mark_done``: done, met) or withdraws from the match, which reopens the request; only then can
it be closed (closed, unmet).
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from solidarite.dashboard import figures
from solidarite.help import matches, requests
from solidarite.help.models import HelpRequest, Match
from tests.help.factories import make_request

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def met_unmet_open() -> list:
    """The dashboard's row for the help category of these tests: met, unmet, open."""
    rows = {row[0]: row[1:4] for row in figures.help_by_category(figures.Period.last_months(12)).rows}
    return rows["Bricolage"]


def _accept(match, requester, offerer):
    matches.transition(match=match, by=offerer, name="offer_help")
    matches.transition(match=match, by=requester, name="accept")
    match.refresh_from_db()
    return match


@pytest.fixture
def done(accepted, requester, offerer, django_capture_on_commit_callbacks):
    """A second request of the same requester, matched with the same offer and then done."""
    with django_capture_on_commit_callbacks(execute=True):
        help_request = make_request(requester)
    match = _accept(help_request.matches.get(), requester, offerer)
    matches.transition(match=match, by=requester, name="mark_done", thanks="Merci !")
    help_request.refresh_from_db()
    assert help_request.status == "done"
    return help_request


def test_the_service_refuses_to_close_a_met_request_and_changes_nothing(accepted, done, requester):
    matched = accepted.request
    for help_request in (matched, done):
        before = HelpRequest.objects.get(pk=help_request.pk).status
        with pytest.raises(ValidationError):
            requests.close_request(help_request=help_request, by=requester)
        assert HelpRequest.objects.get(pk=help_request.pk).status == before
    assert Match.objects.get(pk=accepted.pk).status == "accepted"


def test_the_page_offers_no_close_on_a_matched_request_and_refuses_one(accepted, requester, client_for):
    client = client_for(requester)
    url = reverse("help:request", args=[accepted.request_id])
    html = client.get(url).content.decode()
    assert reverse("help:request_close", args=[accepted.request_id]) not in html
    # Instead, the way to end it: the accepted match's page.
    assert "data-accepted-match" in html and reverse("help:match", args=[accepted.pk]) in html

    response = client.post(reverse("help:request_close", args=[accepted.request_id]), follow=True)
    assert response.redirect_chain[-1][0] == url
    assert "Un·e voisin·e vous aide déjà" in response.content.decode()
    assert HelpRequest.objects.get(pk=accepted.request_id).status == "matched"


def test_the_api_refuses_to_close_a_met_request_with_a_400(accepted, done, requester):
    for help_request, status in ((accepted.request, "matched"), (done, "done")):
        response = api(requester).post(f"/api/v1/help/requests/{help_request.pk}/close/")
        assert response.status_code == 400, response.content
        assert "ouverte" in response.content.decode() or "vous aide" in response.content.decode()
        assert HelpRequest.objects.get(pk=help_request.pk).status == status


def test_the_dashboard_keeps_met_needs_met_until_the_match_is_withdrawn(accepted, done, requester, client_for):
    assert met_unmet_open() == [2, 0, 0]
    api(requester).post(f"/api/v1/help/requests/{accepted.request_id}/close/")
    api(requester).post(f"/api/v1/help/requests/{done.pk}/close/")
    client_for(requester).post(reverse("help:request_close", args=[accepted.request_id]))
    client_for(requester).post(reverse("help:request_close", args=[done.pk]))
    assert met_unmet_open() == [2, 0, 0]

    # Withdrawing from the accepted match reopens the request: then closing it is allowed and unmet.
    matches.transition(match=accepted, by=requester, name="withdraw", reason="plus besoin")
    assert met_unmet_open() == [1, 0, 1]
    response = api(requester).post(f"/api/v1/help/requests/{accepted.request_id}/close/")
    assert response.status_code == 200 and response.json()["status"] == "closed"
    assert met_unmet_open() == [1, 1, 0]


def test_closing_an_open_request_twice_is_harmless(requester):
    help_request = make_request(requester)
    assert api(requester).post(f"/api/v1/help/requests/{help_request.pk}/close/").status_code == 200
    response = api(requester).post(f"/api/v1/help/requests/{help_request.pk}/close/")
    assert response.status_code == 200 and response.json()["status"] == "closed"
