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
