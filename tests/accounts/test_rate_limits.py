"""Rate limits count in one statement, shared by every process, exact under concurrency."""

import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from solidarite.accounts import ratelimit
from solidarite.accounts.api_throttling import CountedRateThrottle
from solidarite.accounts.models import RateCounter
from tests.concurrency import race
from tests.factories import UserFactory

NOW = 1_800_000_030.0  # 30 s into a minute


@pytest.mark.django_db
def test_hits_count_up_within_a_window_and_restart_in_the_next():
    assert ratelimit.hit("k", window_s=60, now=NOW) == (1, 30.0)
    assert ratelimit.hit("k", window_s=60, now=NOW + 10)[0] == 2
    assert ratelimit.count("k", window_s=60, now=NOW + 20) == 2
    assert ratelimit.hit("k", window_s=60, now=NOW + 30) == (1, 60.0)
    assert ratelimit.hit("other", window_s=60, now=NOW)[0] == 1


@pytest.mark.django_db
def test_a_hit_is_one_query():
    ratelimit.hit("k", window_s=60)
    with CaptureQueriesContext(connection) as queries:
        ratelimit.hit("k", window_s=60)
    assert len(queries) == 1


@pytest.mark.django_db
def test_the_scheduled_purge_removes_only_ended_windows():
    ratelimit.hit("old", window_s=60, now=time.time() - 120)
    ratelimit.hit("current", window_s=60)
    out = StringIO()
    call_command("purge_rate_counters", stdout=out)
    assert out.getvalue().strip() == "purged counters=1"
    assert list(RateCounter.objects.values_list("bucket", flat=True)) == ["current"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_hits_on_real_connections_each_get_their_own_count():
    outcomes = race([lambda: [ratelimit.hit("flood", window_s=3600)[0] for _ in range(5)]] * 8)

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    counts = [count for five in outcomes for count in five]
    assert sorted(counts) == list(range(1, 41))
    assert ratelimit.count("flood", window_s=3600) == 40


@pytest.mark.django_db
def test_the_api_refuses_a_flood_with_a_french_message(monkeypatch):
    # DRF copies the rates into the class when it is first imported: overriding the setting
    # would only work if this test happened to run first.
    monkeypatch.setattr(CountedRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "5/minute"})
    visitor = APIClient()
    assert [visitor.get("/api/v1/help/requests/").status_code for _ in range(4)] == [200, 200, 200, 429]
    refused = visitor.get("/api/v1/help/requests/")
    assert refused.json()["detail"].startswith("Requête ralentie. Disponible à nouveau dans")
    assert 0 < int(refused["Retry-After"]) <= 60
    member = APIClient()
    member.force_authenticate(UserFactory())
    assert [member.get("/api/v1/help/requests/").status_code for _ in range(6)] == [200] * 5 + [429]


@pytest.mark.django_db
def test_an_api_request_costs_one_rate_limit_query():
    APIClient().get("/api/v1/help/requests/")
    with CaptureQueriesContext(connection) as queries:
        APIClient().get("/api/v1/help/requests/")
    assert sum("accounts_ratecounter" in q["sql"] for q in queries.captured_queries) == 1
