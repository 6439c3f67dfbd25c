"""Amounts of money for people, the French way: ``27 380,00 €``.

One helper for pages, messages, notifications, e-mails and the CSV files people open: Django's number
formatting in the active language (in French: no-break space between thousands, decimal comma), two
decimals, a no-break space before the sign. Machine formats keep their own: the API sends decimals, the
SCDL open-data CSV writes ``27380.00`` as its schema says.

Also the template library ``money`` (``{% load money %}``: ``{{ amount|euros }}``, ``{{ share|percent }}``),
registered in settings.TEMPLATES.
"""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


def euros(value) -> str:
    """``27 380,00 €`` for Decimal("27380"), "27380.00", 27380; an em dash for no amount."""
    if value is None or value == "":
        return "—"
    text = number_format(Decimal(str(value)), decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"{text}\u00a0€"


def percent(value) -> str:
    """``45 %`` for Decimal("0.45")."""
    if value is None:
        return "—"
    text = number_format(Decimal(str(value)) * 100, decimal_pos=0, use_l10n=True)
    return f"{text}\u00a0%"


register.filter("euros", euros)
register.filter("percent", percent)
