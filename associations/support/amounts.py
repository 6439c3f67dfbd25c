"""Amounts typed by people, read the French way and checked: euros with at most cents, not
negative, not absurd."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from associations.support.models import MAX_AMOUNT, ZERO
from associations.support.workflow import (
    SupportError,
)

CENT = Decimal("0.01")


def clean_amount(value, *, label: str, allow_zero: bool = True) -> Decimal:
    """Euros with at most cents, not negative, not absurd. Raises SupportError in plain French."""
    if value is None or value == "":
        value = ZERO
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", ".").replace(" ", ""))
    except (InvalidOperation, ValueError):
        message = _("%(label)s : indiquez un montant en euros, par exemple 1500 ou 1500,50.") % {"label": label}
        raise SupportError(message) from None
    if not amount.is_finite():
        raise SupportError(_("%(label)s : indiquez un montant en euros.") % {"label": label})
    if amount < 0:
        raise SupportError(_("%(label)s : un montant ne peut pas être négatif.") % {"label": label})
    if amount > MAX_AMOUNT:
        raise SupportError(_("%(label)s : ce montant est trop élevé, vérifiez la saisie.") % {"label": label})
    if amount != amount.quantize(CENT):
        raise SupportError(_("%(label)s : pas plus de deux chiffres après la virgule.") % {"label": label})
    if not allow_zero and amount == 0:
        raise SupportError(_("%(label)s : indiquez un montant supérieur à zéro.") % {"label": label})
    return amount.quantize(CENT)
