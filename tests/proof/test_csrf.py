"""Every route that writes refuses a request without the CSRF token, whoever sends it.

The browser's session cookie alone must never be enough to post a form or call the API on
someone's behalf: each POST/PATCH/DELETE route of the permissions table, sent without a token by a
signed-in neighbour and by staff (so permission is not what refuses it), is answered 403.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.proof import parameters
from tests.proof.permissions import ROUTES
from tests.proof.test_permissions_matrix import url_names

pytestmark = pytest.mark.django_db


def test_no_route_accepts_a_write_without_the_csrf_token(world):
    objects, _, people = world
    routes = url_names()
    accepted = []
    checked = 0
    for role in ("neighbour", "staff"):
        client = Client(enforce_csrf_checks=True, raise_request_exception=False)
        client.force_login(people[role])
        for name, methods in ROUTES.items():
            kwargs = {k: v for k, v in parameters.kwargs_for(name, objects).items() if k in routes[name]}
            url = reverse(name, kwargs=kwargs)
            for method in methods:
                if method == "GET":
                    continue
                with transaction.atomic():
                    if "/api/" in url:
                        response = getattr(client, method.lower())(url, data={}, content_type="application/json")
                    else:
                        response = getattr(client, method.lower())(url, data={})
                    transaction.set_rollback(True)
                checked += 1
                if response.status_code != 403:
                    accepted.append(f"{method} {url} ({name}) as {role}: {response.status_code}")
    assert checked > 50
    assert not accepted, "\n".join(accepted)
