"""Pages that belong to no app: home, legal pages, health."""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from solidarite.help.retention import grace_days

logger = logging.getLogger(__name__)

HEALTH_TIMEOUT_S = 2.0


@require_GET
def home(request):
    return render(request, "pages/home.html")


@require_GET
def accessibility(request):
    return render(request, "pages/accessibilite.html")


@require_GET
def legal(request):
    return render(request, "pages/mentions_legales.html")


@require_GET
def privacy(request):
    return render(request, "pages/donnees_personnelles.html", {"resident_grace_days": grace_days()})


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.warning("health: database unreachable", exc_info=True)
        return False


async def _layer_ping() -> None:
    # A group_send to a group nobody joins touches the layer's storage and nothing else.
    await asyncio.wait_for(get_channel_layer().group_send("healthz", {"type": "healthz"}), HEALTH_TIMEOUT_S)


def _channel_layer_ok() -> bool:
    try:
        async_to_sync(_layer_ping)()
        return True
    except Exception:
        logger.warning("health: channel layer unreachable", exc_info=True)
        return False


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _database_ok(), "channel_layer": _channel_layer_ok()}
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **{k: "ok" if v else "error" for k, v in checks.items()}},
        status=200 if healthy else 503,
    )


# Django's own error pages are HTML; under /api/ a client reads JSON with a ``detail``, as from the
# API's views (solidarite.api.exception_handler). A URL the resolver refuses (an id that is not one,
# solidarite/converters.py) gets here without reaching DRF.
def _api_error(request, status: int, message: str):
    return JsonResponse({"detail": message}, status=status) if request.path.startswith("/api/") else None


def bad_request(request, exception):
    return _api_error(request, 400, _("Requête invalide.")) or defaults.bad_request(request, exception)


def permission_denied(request, exception):
    return _api_error(request, 403, _("Vous n'avez pas le droit de faire cela.")) or defaults.permission_denied(
        request, exception
    )


def page_not_found(request, exception):
    return _api_error(request, 404, _("Introuvable.")) or defaults.page_not_found(request, exception)


def server_error(request):
    return _api_error(request, 500, _("Erreur du serveur : réessayez plus tard.")) or defaults.server_error(request)
