"""API conventions: every error is JSON with a ``detail`` in plain French (or English); lists are
pages; a body carrying a NUL character is refused whole; dates are read within bounds."""

import copy
import datetime as dt

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers, serializers
from rest_framework.pagination import LimitOffsetPagination


def exception_handler(exc, context):
    # Imported here: rest_framework.views reads the parser and pagination settings at import time,
    # and those name classes of this module.
    from rest_framework.views import exception_handler as drf_exception_handler

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
        # A service's refusal says who may do it ("Seuls les responsables…"): keep it, as pages do.
        response.data = {"detail": str(exc) or _("Vous n'avez pas le droit de faire cela.")}
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


def valid_query(form_class, params):
    """A list's filters read by the page's own search form (one set of rules for page and API): the
    bound, valid form, or a 400 naming each bad parameter in French (never a filter silently ignored)."""
    form = form_class(params)
    if not form.is_valid():
        errors = form.errors.get_json_data()
        raise exceptions.ValidationError({field: [e["message"] for e in items] for field, items in errors.items()})
    return form


def paginated(view, queryset, serializer_class, **kwargs):
    """A page of ``queryset`` answered as every list of the API is (count, next, previous, results):
    for the lists a view's extra action returns (a request's matches, a conversation)."""
    # The paginator itself: a view's own paginate_queryset may be tailored to its main model.
    page = view.paginator.paginate_queryset(queryset, view.request, view=view)
    return view.paginator.get_paginated_response(serializer_class(page, many=True, **kwargs).data)


class Pagination(LimitOffsetPagination):
    """``?limit=&offset=`` pages, with a ceiling: DRF passes any ``limit`` to SQL, and one beyond a
    64-bit integer fails in the database driver (a 500) instead of simply listing everything."""

    max_limit = 200


class ForbiddenCharacter(exceptions.APIException):
    status_code = 400
    default_code = "forbidden_character"

    def __init__(self):
        super().__init__(_("La requête contient un caractère interdit."))


def _contains_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, QueryDict):
        return any(_contains_nul(key) or _contains_nul(values) for key, values in value.lists())
    if isinstance(value, dict):
        return any(_contains_nul(key) or _contains_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(_contains_nul(item) for item in value)
    if isinstance(value, parsers.DataAndFiles):
        return _contains_nul(value.data)
    return False


class RefuseNulMixin:
    """DRF's text fields refuse a NUL character, but a slug or a choice is looked up in the database
    as sent, and PostgreSQL fails on NUL (a 500): refuse it once here, like RejectNulBytesMiddleware
    does for query strings."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if _contains_nul(data):
            raise ForbiddenCharacter
        return data


class JSONParser(RefuseNulMixin, parsers.JSONParser):
    # That the body is an object is checked before any view runs: solidarite.middleware.ApiJsonBodyMiddleware.
    pass


class FormParser(RefuseNulMixin, parsers.FormParser):
    pass


class MultiPartParser(RefuseNulMixin, parsers.MultiPartParser):
    pass


# --- dates --------------------------------------------------------------------------------------
# What the API reads, found by fuzzing: year 0682 came back with Paris' local mean time (+00:09:21,
# not an RFC 3339 offset), year 9999 overflowed in date arithmetic (a 500). A calendar day may be old
# (an association founded in 1901); an instant is read from 1970 on: the time-zone database is not
# authoritative before, and Paris ran on its mean time until 1911.
FIRST_DAY = dt.date(1900, 1, 1)
FIRST_INSTANT_DAY = dt.date(1970, 1, 1)
LAST_DAY = dt.date(2200, 12, 31)


def out_of_range_message(first: dt.date) -> str:
    return _("Date hors des limites acceptées ({first} à {last}).").format(first=first.year, last=LAST_DAY.year)


def check_day(day: dt.date, first: dt.date = FIRST_DAY) -> dt.date:
    """``day`` if it lies within what the API accepts, else a 400 naming the bounds."""
    if not first <= day <= LAST_DAY:
        raise serializers.ValidationError(out_of_range_message(first), code="out_of_range")
    return day


class BoundedDateField(serializers.DateField):
    def to_internal_value(self, value):
        return check_day(super().to_internal_value(value))


class BoundedDateTimeField(serializers.DateTimeField):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # DRF's own refusal when converting to the town's zone overflows (year 1, year 9999).
        self.error_messages["overflow"] = out_of_range_message(FIRST_INSTANT_DAY)

    def to_internal_value(self, value):
        moment = super().to_internal_value(value)
        check_day(moment.date(), FIRST_INSTANT_DAY)
        return moment


# DRF's, reading the model's dates within the API's bounds. (A comment, not a docstring: the schema
# would show it as the description of every serializer.)
# DRF builds a ModelSerializer's fields from the model's introspection for every instance it makes
# (each answer, each nested serializer): ~2 ms of CPU for a help request's answer. They depend on the
# class alone here (no serializer overrides ``get_fields``), so they are built once per class and
# copied for each use, as DRF copies the declared ones.
class ModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateField: BoundedDateField,
        models.DateTimeField: BoundedDateTimeField,
    }

    def get_fields(self):
        built = _built_fields.get(type(self))
        if built is None:
            built = _built_fields[type(self)] = super().get_fields()
        return copy.deepcopy(built)


_built_fields: dict[type, dict] = {}
