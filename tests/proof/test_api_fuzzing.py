"""Schemathesis generates requests from /api/v1/schema/ and sends them to the live server.

Whatever it sends, anonymous or signed in (token of a neighbour who owns nothing), the API answers
without a server error, with the content type and a body that the schema promises. The number of
examples per operation is bounded (API_FUZZ_EXAMPLES, default 8) so the run takes a few minutes.
Not fuzzed as staff: staff may delete demo data other live tests read.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from tests.proof.live import live_tests_reason

pytestmark = [pytest.mark.slow, pytest.mark.skipif(live_tests_reason() is not None, reason=str(live_tests_reason()))]

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "8"))
CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="session")
def api_schema(live_site):
    schema = schemathesis.openapi.from_url(f"{live_site.url}/api/v1/schema/")
    schema.config.base_url = live_site.url
    return schema


@pytest.fixture(scope="session")
def fuzz_token(live_site):
    return live_site.remote("new_neighbour", email="fuzz@exemple.fr", password="fuzz-mot-de-passe-2026")["token"]


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_the_api_never_fails_anonymous_requests(case, live_site):
    case.call_and_validate(base_url=live_site.url, checks=CHECKS, timeout=30)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_the_api_never_fails_a_signed_in_neighbour(case, live_site, fuzz_token):
    case.call_and_validate(
        base_url=live_site.url, headers={"Authorization": f"Token {fuzz_token}"}, checks=CHECKS, timeout=30
    )
