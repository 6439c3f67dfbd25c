"""Every URL pattern and API route, requested by every role, answers as ``permissions.py`` says.

The world is the Rezé demo data (every app's ``demo.py``), seen by six people:

    visitor     nobody signed in
    neighbour   the author of a help request that has a match (so: one side of that match)
    other       another neighbour, who owns nothing here
    manager     manager of another association (not the one whose pages, actions, bookings and
                support requests are requested)
    shopkeeper  owner of another shop (not the one requested)
    staff       city staff

A request is "allowed" when it is neither refused (401, 403, 404, or a redirect to the sign-in
page) nor an error; each runs in a savepoint rolled back afterwards, so no request sees another's
writes. A route missing from the table fails the test until someone classifies it.

To print the table as the code behaves now (then review it line by line before pasting it):
    PERMISSIONS_RECORD=1 .venv/bin/pytest tests/proof/test_permissions_matrix.py -s
"""

import os

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.proof import parameters
from tests.proof.permissions import METHODS_BODY, ROLES, ROUTES, SKIPPED

pytestmark = pytest.mark.django_db


def url_names() -> dict[str, set[str]]:
    """Every named route of the project, with its namespace, and its parameters (admin aside).

    A DRF format-suffix variant shares its route's name: the first pattern of a name is the one kept.
    """
    names: dict[str, set[str]] = {}

    def walk(patterns, namespace="", params=frozenset()):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                if inner.startswith("admin:"):
                    continue
                walk(pattern.url_patterns, inner, params | _params(pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = namespace + pattern.name
                if name not in names:
                    names[name] = params | _params(pattern)

    def _params(pattern) -> set[str]:
        converters = getattr(pattern.pattern, "converters", None)
        if converters:
            return set(converters)
        return set(pattern.pattern.regex.groupindex)

    walk(get_resolver().url_patterns)
    return names


def outcome(response) -> str:
    if response.status_code >= 500:
        return "error"
    if response.status_code in (401, 403, 404):
        return "deny"
    if response.status_code in (301, 302, 303) and "/compte/connexion/" in response.get("Location", ""):
        return "deny"
    if response.status_code == 405:
        return "method"
    return "allow"


def call(client, method: str, url: str):
    with transaction.atomic():
        if method == "GET":
            response = client.get(url)
        elif method == "POST" and "/api/" in url:
            response = client.post(url, data={}, content_type="application/json")
        else:
            response = getattr(client, method.lower())(url, **METHODS_BODY.get(method, {}))
        transaction.set_rollback(True)
    return response


def probe(client, url: str) -> list[str]:
    """The methods a route answers (anything but 405), to propose its line in the table."""
    candidates = ["GET", "POST", "PATCH", "DELETE"] if "/api/" in url else ["GET", "POST"]
    return [method for method in candidates if call(client, method, url).status_code != 405]


def test_every_route_answers_each_role_as_the_table_says(world):
    objects, clients, _ = world
    record = os.environ.get("PERMISSIONS_RECORD") == "1"
    routes = url_names()
    names = [name for name in routes if name not in SKIPPED]
    unknown = [name for name in names if name not in ROUTES]
    observed: dict[str, dict[str, str]] = {}
    mismatches = []
    for name in names:
        kwargs = {key: value for key, value in parameters.kwargs_for(name, objects).items() if key in routes[name]}
        url = reverse(name, kwargs=kwargs)
        methods = ROUTES.get(name) or dict.fromkeys(probe(clients["staff"], url), "?")
        observed[name] = {}
        for method, expected in methods.items():
            allowed = []
            for role in ROLES:
                result = outcome(call(clients[role], method, url))
                if result in ("error", "method"):
                    mismatches.append(f"{method} {url} as {role}: {result}")
                elif result == "allow":
                    allowed.append(role)
            observed[name][method] = " ".join(allowed) or "nobody"
            if result == "method":
                observed[name].pop(method)
            if name in ROUTES and observed[name][method] != expected:
                mismatches.append(f"{method} {url} ({name}): expected [{expected}], got [{observed[name][method]}]")
    if record:
        for name, methods in observed.items():
            print(f"    {name!r}: {methods!r},")
    assert not unknown, f"routes not classified in tests/proof/permissions.py: {unknown}"
    assert not mismatches, "\n" + "\n".join(mismatches)


def test_the_table_names_no_route_that_is_gone():
    names = set(url_names())
    assert [name for name in ROUTES if name not in names] == []
