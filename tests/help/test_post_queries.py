"""What a help request costs in SQL statements, posted through the API as a client does (a token),
matched to an offer whose author is alerted: the post, its matching, the alerts and their pushes.

Transactional, so the statements are the ones production runs (in a test's own transaction, each
``atomic`` would add a SAVEPOINT and its RELEASE). bench/post_notify.py measures the time."""

import pytest
from rest_framework.test import APIClient

from solidarite.accounts.models import ApiToken
from solidarite.help.models import Match
from solidarite.notifications.models import Notification
from tests.help.factories import make_offer
from tests.help.test_api import request_body

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MAX_STATEMENTS_PER_POST = 12


def test_a_matched_help_request_costs_at_most_twelve_statements(requester, offerer, django_assert_max_num_queries):
    make_offer(offerer)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.objects.issue(user=requester, name='app')[1]}")
    # The first post of a token notes its use (once a while) and reads the quartiers once per process.
    assert client.post("/api/v1/help/requests/", request_body(tags=[]), format="json").status_code == 201
    body = request_body(tags=[])
    with django_assert_max_num_queries(MAX_STATEMENTS_PER_POST):
        response = client.post("/api/v1/help/requests/", body, format="json")
    assert response.status_code == 201
    match = Match.objects.get(request_id=response.json()["id"])
    assert match.offerer_alerted_at is not None
    assert Notification.objects.filter(user=offerer, kind="help.match_proposed", data={"match": match.pk}).exists()
    assert Notification.objects.filter(user=requester, kind="help.helpers_found").count() == 2
