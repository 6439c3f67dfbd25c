"""Bad input is a 4xx, never a 500, on every route: the classes of bugs the API fuzzing found.

- an id the view cannot read (``/api/v1/actions/abc/participants/``, a 20-digit id) in any URL;
- a JSON body that is not an object (a list, a number) sent to any API write;
- a date outside what the API accepts (year 0682, year 9999), in a body or a query parameter.

The routes are walked from the URL configuration itself, so a new route is covered the day it is added.
"""

import datetime as dt
import json
import re

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern
from rest_framework import serializers

from solidarite.converters import MAX_ID, IdConverter
from tests.proof import parameters
from tests.proof.permissions import SKIPPED
from tests.proof.test_permissions_matrix import url_names

pytestmark = pytest.mark.django_db

# A value no demo object has: it marks, in a reversed URL, where the id under test goes.
SENTINEL = 987654321
BAD_IDS = ["abc", "99999999999999999999"]
NOT_AN_OBJECT = "Le corps de la requête doit être un objet JSON (entre accolades)."


def id_parameters() -> dict[str, list[str]]:
    """Every route (admin aside) and its parameters that name a database id."""
    return {
        name: sorted(p for p in params if p == "pk" or p.endswith("_pk"))
        for name, params in url_names().items()
        if any(p == "pk" or p.endswith("_pk") for p in params)
    }


def call(client, method: str, url: str, body=None):
    with transaction.atomic():
        if method == "GET":
            response = client.get(url)
        elif "/api/" in url:
            response = getattr(client, method.lower())(url, data=json.dumps(body), content_type="application/json")
        else:
            response = getattr(client, method.lower())(url, data={})
        transaction.set_rollback(True)
    return response


def test_every_id_in_a_url_goes_through_the_id_converter():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if not str(pattern.pattern).startswith("admin/"):
                    yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                yield route, pattern.pattern.converters if isinstance(pattern.pattern, RoutePattern) else None

    unchecked = []
    for route, converters in walk(get_resolver().url_patterns):
        if converters is None:  # a regex route: what it lets through is the regex's business
            if "(?P<" in route:
                unchecked.append(route)
            continue
        for name, converter in converters.items():
            if (name == "pk" or name.endswith("_pk")) and not isinstance(converter, IdConverter):
                unchecked.append(route)
    assert not unchecked, "\n".join(unchecked)


@pytest.mark.parametrize("value", ["abc", "-1", "1e3", "1.5", "", "9223372036854775808", "99999999999999999999"])
def test_the_id_converter_refuses_what_is_not_a_64_bit_id(value):
    assert not re.fullmatch(IdConverter.regex, value)


def test_the_id_converter_takes_the_ids_of_the_database():
    assert re.fullmatch(IdConverter.regex, "1") and re.fullmatch(IdConverter.regex, str(MAX_ID))
    assert MAX_ID < 2**63 - 1


def test_the_schema_describes_ids_as_the_converter_reads_them(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    ids = [
        parameter["schema"]
        for operations in schema["paths"].values()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "path" and parameter["name"] == "id"
    ]
    assert len(ids) > 20
    assert all(s == {"type": "integer", "minimum": 1, "maximum": MAX_ID} for s in ids), ids


def test_an_id_the_view_cannot_read_is_a_404_on_every_route(world):
    objects, clients, _ = world
    failures = []
    for name, ids in id_parameters().items():
        if name in SKIPPED:
            continue
        kwargs = parameters.kwargs_for(name, objects)
        methods = ("GET", "POST", "PATCH") if name.startswith("api:") else ("GET", "POST")
        for id_name in ids:
            url = reverse(name, kwargs={**kwargs, id_name: SENTINEL})
            # Refused by the resolver, whatever the method: one request each is enough.
            for bad in BAD_IDS:
                response = call(clients["staff"], "GET", url.replace(str(SENTINEL), bad))
                if response.status_code != 404:
                    failures.append(f"GET {url.replace(str(SENTINEL), bad)}: {response.status_code}")
                elif name.startswith("api:") and response.json() != {"detail": "Introuvable."}:
                    failures.append(f"GET {url.replace(str(SENTINEL), bad)}: {response.content[:100]}")
            # The largest id the resolver lets through names nothing: the view refuses it, in one way or another.
            largest = url.replace(str(SENTINEL), str(MAX_ID))
            for method in methods:
                status = call(clients["staff"], method, largest, {}).status_code
                if status not in (302, 401, 403, 404, 405):
                    failures.append(f"{method} {largest}: {status}")
    assert not failures, "\n".join(failures)


def test_every_api_write_refuses_a_body_that_is_not_an_object(world):
    objects, clients, _ = world
    failures = []
    seen = 0
    for name, params in url_names().items():
        if not name.startswith("api:") or name in SKIPPED or name in ("api:schema", "api:docs", "api:docs_area"):
            continue
        kwargs = {k: v for k, v in parameters.kwargs_for(name, objects).items() if k in params}
        url = reverse(name, kwargs=kwargs)
        for role in ("neighbour", "manager", "staff"):
            for method in ("POST", "PUT", "PATCH"):
                for body in ([], [{"reason": "x"}], 3, "texte", None, True):
                    response = call(clients[role], method, url, body)
                    if response.status_code in (401, 403, 404, 405, 415):
                        continue  # refused before the body is read
                    seen += 1
                    if response.status_code != 400 or response.json() != {"detail": NOT_AN_OBJECT}:
                        failures.append(f"{role} {method} {url} {body!r}: {response.status_code}")
    assert seen > 50, "the walk reached suspiciously few writes"
    assert not failures, "\n".join(failures)


def _api_serializers():
    get_resolver().url_patterns  # noqa: B018 - imports every API module
    todo, found = [serializers.BaseSerializer], []
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        abstract = issubclass(cls, serializers.ModelSerializer) and not hasattr(cls, "Meta")
        if cls.__module__.startswith(("solidarite.", "associations.")) and not abstract:
            found.append(cls)
    return found


def _writable_date_fields(serializer, path=""):
    for name, field in serializer.fields.items():
        where = f"{path}{name}"
        if field.read_only:
            continue
        if isinstance(field, serializers.ListField):
            field = field.child
        if isinstance(field, serializers.BaseSerializer):
            yield from _writable_date_fields(getattr(field, "child", field), where + ".")
        elif isinstance(field, serializers.DateField | serializers.DateTimeField):
            yield where, field


def test_every_date_the_api_reads_is_bounded():
    from solidarite.api import BoundedDateField, BoundedDateTimeField

    classes = _api_serializers()
    assert len(classes) > 30
    unbounded = []
    for cls in classes:
        for where, field in _writable_date_fields(cls()):
            if not isinstance(field, BoundedDateField | BoundedDateTimeField):
                unbounded.append(f"{cls.__module__}.{cls.__name__}.{where}")
    assert not unbounded, "\n".join(unbounded)


@pytest.mark.parametrize("value", ["0682-11-10", "1969-12-31", "2201-01-01", "9999-12-31"])
def test_room_availability_refuses_a_day_out_of_range(client, value):
    from tests.rooms.factories import RoomFactory

    room = RoomFactory()
    response = client.get(f"/api/v1/rooms/{room.slug}/availability/", {"from": value})
    assert response.status_code == 400
    assert response.json()["errors"] == {"from": ["Date hors des limites acceptées (1970 à 2200)."]}


def test_room_availability_at_the_edges_of_the_range_answers_whole_minute_offsets(client):
    from tests.rooms.factories import RoomFactory

    room = RoomFactory()
    for first in ("1970-01-01", "2200-12-25"):
        response = client.get(f"/api/v1/rooms/{room.slug}/availability/", {"from": first})
        assert response.status_code == 200
        # RFC 3339 offsets are hours and minutes: Paris' mean time (+00:09:21) must not leak out.
        assert dt.datetime.fromisoformat(response.json()["start"]).utcoffset().seconds % 60 == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [("window_start", "0682-11-10T10:00:00+01:00"), ("window_end", "9999-12-31T23:59:59+01:00")],
)
def test_a_help_request_with_a_date_out_of_range_is_a_400(client_for, user, field, value):
    from solidarite.help.models import HelpRequest
    from tests.help.factories import category

    body = {
        "category": category().pk,
        "description": "Porter des courses",
        "quartier": "ragon",
        "window_start": "2026-11-20T10:00:00+01:00",
        "window_end": "2026-11-20T12:00:00+01:00",
        field: value,
    }
    response = client_for(user).post("/api/v1/help/requests/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][field] == ["Date hors des limites acceptées (1970 à 2200)."]
    assert not HelpRequest.objects.exists()


def test_every_list_the_api_answers_is_shaped_as_its_schema_says(world, client):
    """A list documented as a page is a page (count, results), a plain list is a list: matches,
    messages, notes and participants were documented as pages and answered bare lists."""
    objects, clients, _ = world
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    wrong, checked = [], 0
    for name, params in url_names().items():
        if not name.startswith("api:") or name in SKIPPED or name in ("api:schema", "api:docs", "api:docs_area"):
            continue
        kwargs = {k: v for k, v in parameters.kwargs_for(name, objects).items() if k in params}
        if name.startswith("api:support-request-") and "pk" in kwargs:
            kwargs["pk"] = _submitted_support_request()  # staff do not read drafts
        url = reverse(name, kwargs=kwargs)
        # The most specific template: /gardens/applications/ is that list, not /gardens/{slug}/.
        template = min(
            (path for path in schema["paths"] if _matches(path, url)), key=lambda path: path.count("{"), default=None
        )
        if template is None or "get" not in schema["paths"][template]:
            continue
        documented = schema["paths"][template]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        for role in ("neighbour", "manager", "staff"):
            response = call(clients[role], "GET", url)
            if response.status_code != 200:
                continue
            checked += 1
            data = response.json()
            if "Paginated" in documented.get("$ref", ""):
                ok = isinstance(data, dict) and isinstance(data.get("results"), list) and "count" in data
            elif documented.get("type") == "array":
                ok = isinstance(data, list)
            else:
                ok = isinstance(data, dict)
            if not ok:
                wrong.append(f"{role} GET {url}: documented {documented}, answered {type(data).__name__}")
    assert checked > 40
    assert not wrong, "\n".join(wrong)


def _submitted_support_request() -> int:
    from associations.support.models import SupportRequest

    return SupportRequest.objects.filter(state__in=SupportRequest.WAITING_FOR_CITY).order_by("pk").first().pk


def _matches(template: str, url: str) -> bool:
    parts = re.split(r"(\{[^}]+\})", template)
    pattern = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts)
    return re.fullmatch(pattern, url) is not None
