import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def jsonld(data):
    """JSON for a ``<script type="application/ld+json">``: <, > and & escaped as json_script does, so user
    text such as "</script>" can never close the element."""
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_json_script_escapes))  # noqa: S308
