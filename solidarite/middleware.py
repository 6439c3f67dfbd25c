import json
from urllib.parse import urlsplit

from django.conf import settings


def _tiles_origin() -> str:
    parts = urlsplit(settings.MAP_TILES_URL.replace("{s}", "a"))
    if not parts.scheme or not parts.netloc:
        return ""
    host = parts.netloc
    if "{s}" in settings.MAP_TILES_URL:
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}"


class ContentSecurityPolicyMiddleware:
    """No inline script, no other host but the map tiles' (images only)."""

    def __init__(self, get_response):
        self.get_response = get_response
        tiles = _tiles_origin()
        self.policy = "; ".join(
            [
                "default-src 'self'",
                "script-src 'self'",
                # Leaflet positions its tiles with inline style attributes.
                "style-src 'self' 'unsafe-inline'",
                f"img-src 'self' data: {tiles}".strip(),
                "connect-src 'self'",
                "font-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
                "frame-ancestors 'none'",
            ]
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class RejectNulBytesMiddleware:
    """A NUL character in a query string or a form is always an attack or a bug, and PostgreSQL
    refuses it in any text comparison: a slug or a choice looked up as sent fails with a 500.
    Answer 400 once here instead. (Text fields refuse it themselves; API bodies in other formats are
    checked by solidarite.api's parsers.)"""

    FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._carries_nul(request):
            from django.http import HttpResponseBadRequest, JsonResponse
            from django.utils.translation import gettext as _

            message = _("La requête contient un caractère interdit.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message)
        return self.get_response(request)

    def _carries_nul(self, request) -> bool:
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in query or "%00" in query:
            return True
        if request.method != "POST" or request.content_type not in self.FORM_TYPES:
            return False
        # The CSRF check reads the same parsed form right after, so this costs no second parse.
        return any("\x00" in key or any("\x00" in value for value in values) for key, values in request.POST.lists())


class ApiJsonBodyMiddleware:
    """An API write carries a JSON object, or nothing.

    DRF parses a body only when the view reads it, and each view read it its own way: a list or a
    number made ``request.data.get`` fail (a 500) in some, and went unnoticed in views that read
    nothing. Every endpoint refuses it here instead, with one message, before any view runs. (After
    LocaleMiddleware: the message follows the client's language.)"""

    WRITES = ("POST", "PUT", "PATCH")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in self.WRITES
            and request.path.startswith("/api/")
            and request.content_type == "application/json"
        ):
            problem = self._problem(request.body)
            if problem:
                from django.http import JsonResponse

                return JsonResponse({"detail": problem}, status=400)
        return self.get_response(request)

    @staticmethod
    def _problem(body: bytes) -> str | None:
        from django.utils.translation import gettext as _

        if not body.strip():
            return None
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):  # RecursionError: a list nested thousands deep
            return _("Contenu illisible : envoyez du JSON valide.")
        if not isinstance(data, dict):
            return _("Le corps de la requête doit être un objet JSON (entre accolades).")
        return None
