"""Stock in and out, by category and kg: what managers record, and the month's balance they read.

An accepted surplus offer enters the stock by itself (``surplus.take``); distributions, purchases,
donations and losses are typed by a manager. The month's figures feed the staff dashboard.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite import intervals
from solidarite.grocery.roles import require_manager
from solidarite.grocery.services import GroceryError
from solidarite.grocery.surplus_models import Category, StockMove

IN_SOURCES = {StockMove.Source.SURPLUS, StockMove.Source.DONATION, StockMove.Source.PURCHASE}


def record(*, by, grocery, category: str, kg, source: str) -> StockMove:
    require_manager(grocery, by)
    if category not in Category.values:
        raise GroceryError(_("Choisissez une catégorie."), code="category")
    if source not in StockMove.Source.values:
        raise GroceryError(_("Choisissez l'origine ou la destination."), code="source")
    try:
        kg = Decimal(str(kg).replace(",", ".").strip())
    except InvalidOperation:
        kg = None
    if (
        kg is None
        or not kg.is_finite()
        or not Decimal("0") < kg <= Decimal("10000")
        or kg != kg.quantize(Decimal("0.1"))
    ):
        raise GroceryError(_("Indiquez un poids en kg, par exemple 12,5."), code="kg")
    direction = StockMove.Direction.IN if source in IN_SOURCES else StockMove.Direction.OUT
    return StockMove.objects.create(
        grocery=grocery, category=category, kg=kg, direction=direction, source=source, at=timezone.now()
    )


def month_start(now=None) -> dt.datetime:
    local = (now or timezone.now()).astimezone(intervals.PARIS)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def month_balance(grocery, *, now=None) -> list[tuple[str, Decimal, Decimal]]:
    """(category label, kg in, kg out) for the current month, every category."""
    totals = (
        StockMove.objects.filter(grocery=grocery, at__gte=month_start(now))
        .values("category")
        .annotate(kg_in=Sum("kg", filter=Q(direction="in")), kg_out=Sum("kg", filter=Q(direction="out")))
    )
    by_category = {row["category"]: row for row in totals}
    zero = Decimal("0.0")
    return [
        (label, by_category.get(code, {}).get("kg_in") or zero, by_category.get(code, {}).get("kg_out") or zero)
        for code, label in Category.choices
    ]
