"""``/api/v1/docs/``: the API's documentation as pages of the site, read from the OpenAPI schema.

Swagger UI weighed 2.3 MB of script, had no ``lang`` and failed axe (contrast, controls nested in
controls); its "try it out" is what curl and the schema (``/api/v1/schema/``, for any client
generator) already give. These pages are plain HTML in the site's layout, built from the same schema
the API serves: the index (principles, the answers common to many operations, the areas) and one page
per area (``/api/v1/docs/<area>/``: every operation of the area with its parameters, body, answers and
refusals, and every schema they use, so that each link stays on the page). One page for the whole API
grew with each app past 400 KB; a page per area stays the size of its area.
"""

from functools import lru_cache

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")
REF = "#/components/schemas/"


@lru_cache(maxsize=8)
def _schema(language: str) -> dict:
    # The schema is code: it changes with a deployment, never while a process runs. One per language.
    return SchemaGenerator().get_schema(request=None, public=True)


def describe(schema: dict | None) -> dict:
    """``{"text": …, "ref": …}``: a type in words, and the schema it names if any."""
    if not schema:
        return {"text": "", "ref": ""}
    if "$ref" in schema:
        name = schema["$ref"].removeprefix(REF)
        return {"text": name, "ref": name}
    for key in ("allOf", "oneOf", "anyOf"):
        if key in schema:
            parts = [describe(part) for part in schema[key]]
            named = [part for part in parts if part["ref"] not in ("BlankEnum", "NullEnum")]
            text = _(" ou ").join(part["text"] for part in named) or ""
            if any(part["ref"] == "NullEnum" for part in parts) or schema.get("nullable"):
                text += _(" ou null")
            return {"text": text, "ref": named[0]["ref"] if len(named) == 1 else ""}
    kind = schema.get("type", "")
    if kind == "array":
        item = describe(schema.get("items"))
        return {"text": _("liste de %(item)s") % {"item": item["text"] or "…"}, "ref": item["ref"]}
    text = kind
    if schema.get("format"):
        text += f" ({schema['format']})"
    if schema.get("enum"):
        text += _(" : un de %(values)s") % {"values": ", ".join(repr(value) for value in schema["enum"])}
    if schema.get("nullable"):
        text += _(" ou null")
    return {"text": text, "ref": ""}


def constraints(schema: dict) -> str:
    words = []
    for key, label in (
        ("minLength", _("au moins %s caractères")),
        ("maxLength", _("au plus %s caractères")),
        ("minimum", _("minimum %s")),
        ("maximum", _("maximum %s")),
        ("maxItems", _("au plus %s éléments")),
        ("pattern", _("forme %s")),
        ("default", _("par défaut %s")),
    ):
        if key in schema:
            words.append(label % schema[key])
    return " · ".join(words)


def fields(schema: dict) -> list[dict]:
    required = set(schema.get("required", []))
    return [
        {
            "name": name,
            "type": describe(prop),
            "required": name in required,
            "read_only": prop.get("readOnly", False),
            "description": prop.get("description") or prop.get("title") or "",
            "constraints": constraints(prop),
        }
        for name, prop in schema.get("properties", {}).items()
    ]


def body(content: dict | None) -> dict | None:
    if not content:
        return None
    media_type, entry = next(iter(content.items()))
    return {"media_type": media_type, "type": describe(entry.get("schema"))}


def _tag(operation: dict) -> str:
    return (operation.get("tags") or ["api"])[0]


def _operations(schema: dict):
    """(path, method, operation) in the schema's order."""
    for path, methods in schema["paths"].items():
        for method in METHODS:
            if methods.get(method) is not None:
                yield path, method, methods[method]


def _refs(node, found: set[str]) -> set[str]:
    """The names of the component schemas ``node`` refers to, anywhere inside it."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(REF):
                found.add(value.removeprefix(REF))
            else:
                _refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _refs(value, found)
    return found


def closure(schema: dict, names: set[str]) -> set[str]:
    """``names`` and the component schemas they use, and those these use in turn."""
    known = schema.get("components", {}).get("schemas", {})
    todo, found = set(names), set()
    while todo:
        name = todo.pop()
        if name in found or name not in known:
            continue
        found.add(name)
        _refs(known[name], todo)
        if name.startswith("Patched") and name[7:] in known:  # its sentence links the full schema
            todo.add(name[7:])
    return found


def used_schemas(schema: dict, tag: str) -> set[str]:
    """The component schemas the operations of ``tag`` use, directly or through another schema."""
    direct: set[str] = set()
    for _path, _method, operation in _operations(schema):
        if _tag(operation) == tag:
            _refs(operation, direct)
    return closure(schema, direct)


def operations(schema: dict) -> list[dict]:
    """Operations grouped by tag, in the schema's order."""
    groups: dict[str, list] = {}
    for path, method, operation in _operations(schema):
        # Open to visitors: no credentials needed, and no refusal by role (a request's matches are
        # readable without a token, but only by its author).
        anonymous = {} in operation.get("security", [{}]) and "403" not in operation["responses"]
        entry = {
            "id": operation["operationId"],
            "method": method.upper(),
            "path": path,
            "summary": operation.get("summary", ""),
            "description": operation.get("description", ""),
            "anonymous": anonymous,
            "parameters": [
                {
                    "name": parameter["name"],
                    "where": parameter["in"],
                    "required": parameter.get("required", False),
                    "type": describe(parameter.get("schema")),
                    "description": parameter.get("description", ""),
                    "constraints": constraints(parameter.get("schema", {})),
                }
                for parameter in operation.get("parameters", [])
            ],
            "body": body(operation.get("requestBody", {}).get("content")),
            "responses": [
                {"code": code, "description": answer.get("description", ""), "body": body(answer.get("content"))}
                for code, answer in sorted(operation["responses"].items())
            ],
        }
        groups.setdefault(_tag(operation), []).append(entry)
    return [{"tag": tag, "operations": entries} for tag, entries in groups.items()]


def common_answers(groups: list[dict], *, at_least: int = 5) -> list[dict]:
    """The answers many operations give in the same words (the refusals): said once at the top of the page,
    and left out of each operation's list, which keeps the code and its body's schema. Hundreds of
    operations repeating four sentences made the page half again as heavy."""
    counts: dict[tuple[str, str], int] = {}
    for group in groups:
        for op in group["operations"]:
            for answer in op["responses"]:
                if answer["description"]:
                    key = (answer["code"], answer["description"])
                    counts[key] = counts.get(key, 0) + 1
    common = {key for key, count in counts.items() if count >= at_least}
    for group in groups:
        for op in group["operations"]:
            for answer in op["responses"]:
                if (answer["code"], answer["description"]) in common:
                    answer["description"], answer["common"] = "", True
    return [{"code": code, "description": text} for code, text in sorted(common)]


def _schemas(schema: dict, names) -> list[dict]:
    components = schema.get("components", {})
    known = components.get("schemas", {})
    return [_schema_entry(name, known[name], components) for name in sorted(names) if name in known]


@require_GET
def docs(request):
    """The index: principles, common answers, the areas; and the schemas no operation uses, if any."""
    schema = _schema(get_language())
    groups = operations(schema)
    used = set().union(*(used_schemas(schema, group["tag"]) for group in groups))
    context = {
        "info": schema["info"],
        "groups": groups,
        "common": common_answers(groups),
        "schemas": _schemas(schema, closure(schema, set(schema.get("components", {}).get("schemas", {})) - used)),
        "schema_url": reverse("api:schema"),
    }
    return render(request, "api/docs.html", context)


@require_GET
def docs_area(request, area):
    """One area of the API: its operations and the schemas they use."""
    schema = _schema(get_language())
    groups = operations(schema)
    common_answers(groups)  # the common answers are said on the index, not again for each operation
    group = next((group for group in groups if group["tag"] == area), None)
    if group is None:
        raise Http404
    context = {
        "info": schema["info"],
        "group": group,
        "groups": groups,
        "schemas": _schemas(schema, used_schemas(schema, area)),
        "docs_url": reverse("api:docs"),
    }
    return render(request, "api/docs_area.html", context)


def _schema_entry(name: str, definition: dict, components: dict) -> dict:
    """A component as the page shows it. A page of X (``PaginatedXList``) and a partial X (``PatchedX``:
    the same fields, none required) are one sentence pointing to X, not the same table again."""
    known = components.get("schemas", {})
    if name.startswith("Paginated") and name.endswith("List") and name[9:-4] in known:
        return {"name": name, "page_of": name[9:-4]}
    if name.startswith("Patched") and name[7:] in known:
        return {"name": name, "patch_of": name[7:]}
    return {
        "name": name,
        "description": definition.get("description", ""),
        "fields": fields(definition),
        "type": describe(definition) if "properties" not in definition else None,
    }
