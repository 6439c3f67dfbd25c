"""URL parameters that only let through what the view can read.

Django's ``<int:…>`` takes any run of digits and DRF's routers take any text (``[^/.]+``) as an id:
``/api/v1/actions/abc/participants/`` reached the view with ``"abc"`` (a 500), and an id past 64 bits
reached the database driver. Every integer id of the project's URLs, pages and API alike, goes
through ``<id:…>`` instead, and the API routers below give every viewset the converter its lookup
field needs. What does not match is a 404 from the resolver, before any view runs.
"""

from django.urls import register_converter
from rest_framework import routers

# Ids are BigAutoField, signed 64-bit: eighteen digits always fit (nineteen may not), and no table of
# a town's platform will reach 10**18 rows.
MAX_ID = 10**18 - 1


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")

# The converter of each lookup field our viewsets use. Another field fails at start-up, so that
# nobody adds an API route whose parameter the resolver lets through unchecked.
LOOKUP_CONVERTERS = {"pk": "id", "id": "id", "slug": "slug"}


class ConverterRouterMixin:
    """DRF routers built on ``path()``, with the converter of the viewset's lookup field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, use_regex_path=False, **kwargs)

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        field = getattr(viewset, "lookup_field", "pk")
        if field not in LOOKUP_CONVERTERS:
            raise ValueError(f"{viewset.__name__}: no URL converter for the lookup field {field!r} (converters.py)")
        kwarg = getattr(viewset, "lookup_url_kwarg", None) or field
        return self._base_pattern.format(
            lookup_prefix=lookup_prefix, lookup_url_kwarg=kwarg, lookup_value=LOOKUP_CONVERTERS[field]
        )


class Router(ConverterRouterMixin, routers.SimpleRouter):
    pass


class RootRouter(ConverterRouterMixin, routers.DefaultRouter):
    # No ``.json`` twin of every route: JSON is what the API answers anyway, and the twins doubled
    # the operations of the schema.
    include_format_suffixes = False
