"""Opening hours on pages: always in words (``solidarite.hours_text``), never in OSM syntax."""

from django import template

from solidarite import hours_text

register = template.Library()


@register.filter
def hours_sentence(value: str) -> str:
    """One line for cards and lists: « du mardi au samedi, 14 h – 19 h ; fermé les jours fériés »."""
    week = hours_text.weekly(value)
    return week.sentence if week else ""


@register.inclusion_tag("includes/hours_table.html")
def hours_table(value: str, caption: str = ""):
    """The usual week as a table (days, hours) with the public holidays and exceptions below it."""
    return {"week": hours_text.weekly(value), "caption": caption}
