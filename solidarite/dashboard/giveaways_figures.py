"""Giveaways' figures for staff and the yearly report: kg given by quartier and month.

Weights are those recorded at handover (``giveaways.services.gift_step``), never estimates made when an
object was offered: the yearly kg diverted from the bin rest on them. A gift dropped at a ressourcerie
counts in its own column. A count of gifts under ``tables.SMALL_COUNT`` prints « < 5 ».
"""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from solidarite.dashboard.tables import Table, month_key, month_label, small
from solidarite.giveaways.models import Gift


def gifts_by_quartier_month(period) -> Table:
    rows = (
        Gift.objects.given_between(period.start, period.end)
        .annotate(month=TruncMonth("given_at"))
        .values("month", "quartier__name")
        .annotate(
            count=Count("pk"),
            kg=Sum("weight_kg"),
            dropped=Sum("weight_kg", filter=Q(dropped_at__isnull=False)),
        )
    )
    found = {(month_key(row["month"]), row["quartier__name"]): row for row in rows}
    table = Table(
        "dons-par-quartier-et-mois",
        str(_("Dons entre voisins : kg donnés par quartier et par mois")),
        [
            str(_("Mois")),
            str(_("Quartier")),
            str(_("Objets remis")),
            str(_("Donnés (kg)")),
            str(_("dont déposés en ressourcerie (kg)")),
        ],
        note=str(_("Poids relevé à la remise de l'objet. Moins de 5 objets : « < 5 ».")),
    )
    quartiers = sorted({name for _month, name in found})
    for month in period.months:
        for name in quartiers:
            row = found.get((month, name))
            if row is None:
                continue
            table.rows.append(
                [
                    month_label(month),
                    name,
                    small(row["count"]),
                    row["kg"] or Decimal("0"),
                    row["dropped"] or Decimal("0"),
                ]
            )
    return table
