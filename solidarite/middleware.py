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
    """A NUL byte in the query string is always an attack or a bug, and PostgreSQL refuses it in
    any text comparison: answer 400 once here rather than letting each filter fail with a 500.
    (Form bodies are checked by Django's null-character validators, API bodies by solidarite.api's parsers.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get("QUERY_STRING", ""):
            from django.http import HttpResponseBadRequest, JsonResponse
            from django.utils.translation import gettext as _

            message = _("La requête contient un caractère interdit.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message)
        return self.get_response(request)
