import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def shop_jsonld(data):
    """A ``<script type="application/ld+json">`` whose user text (e.g. "</script>") cannot close it:
    <, > and & are written as JSON unicode escapes, as ``json_script`` does."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_json_script_escapes)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.filter
def association_url(association) -> str:
    """The partner association's page, or "" while the directory pages are not routed."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("directory:detail", args=[association.slug])
    except NoReverseMatch:
        return ""
