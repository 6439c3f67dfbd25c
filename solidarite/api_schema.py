"""The refusals of the API in its OpenAPI schema (a drf-spectacular postprocessing hook).

drf-spectacular documents what a view returns on success; the refusals come from layers every
operation shares, so they are added here once, by rule, rather than on each view:

- 400  on every operation: a NUL character in the query string is refused before any view
       (RejectNulBytesMiddleware), a write's body must be a JSON object (ApiJsonBodyMiddleware) and
       its fields valid; query parameters are checked where a view reads them.
- 401  on every operation: a token that is unknown, revoked or expired is refused whatever the
       operation, and an operation that needs a signed-in person refuses a visitor.
- 403  on every write (CSRF with a session, a read-only token, the person's role, a suspended
       account) and on the reads that are someone's own (an action's participants, a request's
       matches, staff's envelopes and notes).
- 404  on every operation with a path parameter, and on the writes that name another object
       (a room, an association, the target of a report).
- 429  on every operation: the API's rates per client and per person, and the caps per account on
       help posts and messages.

The live fuzzing (tests/proof/test_api_fuzzing.py) checks that no operation answers a status the
schema does not list.
"""

from django.utils.translation import gettext as _

WRITES = {"post", "put", "patch", "delete"}
ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
INVALID = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        # {field: [messages]}; a nested field or a list item has an object or a list of its own.
        "errors": {"type": "object", "additionalProperties": True},
    },
    "required": ["detail"],
}
# Reads that only their owner, or staff, may make: a 403 for anyone else.
OWN_READS = {
    ("/api/v1/actions/{id}/participants/", "get"),
    ("/api/v1/help/requests/{id}/matches/", "get"),
    ("/api/v1/support/requests/{id}/notes/", "get"),
    ("/api/v1/support/envelopes/", "get"),
    ("/api/v1/support/envelopes/{id}/", "get"),
}


def _response(description: str, schema_name: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}},
    }


def document_refusals(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR
    schemas["InvalidRequest"] = INVALID
    refusals = {
        "400": _response(
            _("Requête invalide : le détail dit pourquoi, « errors » liste les champs refusés."), "InvalidRequest"
        ),
        "401": _response(_("Authentification requise, ou jeton inconnu, révoqué ou expiré."), "Error"),
        "403": _response(_("Vous n'avez pas le droit de faire cela."), "Error"),
        "404": _response(_("Introuvable (ou invisible pour vous)."), "Error"),
        "429": {
            **_response(_("Trop de requêtes : réessayez après le délai indiqué."), "Error"),
            "headers": {
                "Retry-After": {"schema": {"type": "integer"}, "description": _("Secondes à attendre.")},
            },
        },
    }
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = ["400", "401", "429"]
            if method in WRITES or (path, method) in OWN_READS:
                codes.append("403")
            if "{" in path or method in WRITES:
                codes.append("404")
            for code in codes:
                operation["responses"].setdefault(code, refusals[code])
    return result
