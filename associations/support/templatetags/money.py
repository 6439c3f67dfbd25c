"""French money formatting: ``1 234,50 €`` (narrow no-break space for thousands)."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def euros(value):
    if value is None or value == "":
        return "—"
    amount = Decimal(value)
    text = number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"{text}\u00a0€"


@register.filter
def percent(value):
    if value is None:
        return "—"
    text = number_format(Decimal(value) * 100, decimal_pos=0, use_l10n=True)
    return f"{text}\u00a0%"
