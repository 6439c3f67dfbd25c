"""API conventions: every error is JSON with a ``detail`` in plain French (or English)."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages})
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": _("Certaines informations ne sont pas valides."), "errors": _by_field(data)}
    elif isinstance(exc, Http404 | exceptions.NotFound):
        response.data = {"detail": _("Introuvable.")}
    elif isinstance(exc, PermissionDenied):
        response.data = {"detail": _("Vous n'avez pas le droit de faire cela.")}
    elif isinstance(exc, exceptions.ParseError):
        # DRF's message quotes the parser's English error; say it plainly instead.
        response.data = {"detail": _("Contenu illisible : envoyez du JSON valide.")}
    elif isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        response.data = {
            "detail": _("Jeton CSRF absent ou invalide : rechargez la page, ou utilisez un jeton d'API."),
        }
    elif not isinstance(data, dict) or "detail" not in data:
        response.data = {"detail": data}
    return response


def _by_field(data) -> dict:
    """Always ``{field: [messages]}``, whichever way the error was raised."""
    if not isinstance(data, dict):
        return {"non_field_errors": data if isinstance(data, list) else [data]}
    return {field: messages if isinstance(messages, list | dict) else [messages] for field, messages in data.items()}

