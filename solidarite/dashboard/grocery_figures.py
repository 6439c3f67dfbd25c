"""The épicerie sociale's figures for staff and the annual report: aggregates only, small counts hidden.

By month, over every épicerie: households served (distinct), visits, amounts spent, kg distributed (stock
out to households) and kg of shops' surplus accepted. A count under ``tables.SMALL_COUNT`` (and the amount of such a
month) is printed « < 5 »: with a handful of households, a month's figures would point at people.
Households are pseudonymous and keep no address, so there is no breakdown by quartier (by design).
Households purged 12 months after their last right no longer count as distinct households (their visits
and amounts still do).
"""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from solidarite.dashboard.tables import SMALL_COUNT, Table, month_key, month_label, small
from solidarite.grocery.models import StockMove, Visit


def grocery_by_month(period) -> Table:
    visits = (
        Visit.objects.filter(at__gte=period.start, at__lt=period.end)
        .annotate(month=TruncMonth("at"))
        .values("month")
        .annotate(households=Count("household", distinct=True), visits=Count("pk"), amount=Sum("amount"))
    )
    moves = (
        StockMove.objects.filter(at__gte=period.start, at__lt=period.end)
        .annotate(month=TruncMonth("at"))
        .values("month")
        .annotate(
            rescued=Sum("kg", filter=Q(source="surplus")),
            distributed=Sum("kg", filter=Q(source="distribution")),
        )
    )
    by_month = {month_key(row["month"]): row for row in visits}
    kg = {month_key(row["month"]): row for row in moves}
    table = Table(
        "epicerie-par-mois",
        str(_("Épicerie sociale par mois")),
        [
            str(_("Mois")),
            str(_("Foyers servis")),
            str(_("Passages")),
            str(_("Montants (centimes ou points)")),
            str(_("Distribués (kg)")),
            str(_("Invendus récupérés (kg)")),
        ],
        note=str(_("Moins de 5 foyers ou passages : « < 5 », et le montant du mois n'est pas montré.")),
    )
    for month in period.months:
        row = by_month.get(month, {})
        households, count = row.get("households", 0), row.get("visits", 0)
        few = 0 < households < SMALL_COUNT or 0 < count < SMALL_COUNT
        table.rows.append(
            [
                month_label(month),
                small(households),
                small(count),
                "—" if few else (row.get("amount") or 0),
                kg.get(month, {}).get("distributed") or Decimal("0"),
                kg.get(month, {}).get("rescued") or Decimal("0"),
            ]
        )
    return table
