"""{% load authored %}{% french_text %}: the attributes of an element holding text people wrote in French
(an aid's description, a post, a place's name) on a page in another language.

Such text is never translated (the town writes it once, in French); lang="fr" makes a screen reader read
it with French rules, and dir="ltr" keeps its punctuation in place on a right-to-left page (Arabic).
On a French page it adds nothing: the page's own lang already says it.
"""

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


def _attributes() -> str:
    language = translation.get_language() or "fr"
    if language.split("-")[0] == "fr":
        return ""
    return ' lang="fr" dir="ltr"' if translation.get_language_bidi() else ' lang="fr"'


@register.simple_tag
def french_text() -> str:
    return mark_safe(_attributes())  # noqa: S308 - constant text, no input


@register.filter
def french(value):
    """{{ aid.title|french }} inside a translated sentence: the French words in a <span lang="fr">."""
    attributes = _attributes()
    if not attributes:
        return value
    return format_html("<span{}>{}</span>", mark_safe(attributes), value)  # noqa: S308 - constant attributes
