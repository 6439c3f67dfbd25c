"""Repair cafés' figures for staff: objects brought, fixed and kg repaired, by month and quartier.

Counts of objects, not of people (no one is named on a record but a pre-registering owner, never
counted here), so small counts are printed as they are. « kg repaired » adds the weights volunteers
recorded when the object came in, for objects whose outcome is « fixed ».
"""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from solidarite.dashboard.tables import Table, month_key, month_label
from solidarite.repairs import ords
from solidarite.repairs.models import RepairRecord


def repairs_by_month_and_quartier(period) -> Table:
    rows = (
        RepairRecord.objects.counted()
        .filter(event_date__gte=period.start.date(), event_date__lte=period.end.date())
        .annotate(month=TruncMonth("event_date"))
        .values("month", "quartier__name")
        .annotate(
            brought=Count("pk"),
            fixed=Count("pk", filter=Q(repair_status=ords.FIXED)),
            kg=Sum("weight_kg", filter=Q(repair_status=ords.FIXED)),
        )
    )
    found = {}
    for row in rows:
        found.setdefault(month_key(row["month"]), []).append(row)
    table = Table(
        "repair-cafes",
        str(_("Repair cafés par mois et par quartier")),
        [
            str(_("Mois")),
            str(_("Quartier")),
            str(_("Objets apportés")),
            str(_("Objets réparés")),
            str(_("Réparés (kg)")),
        ],
        note=str(_("Chaque objet est pesé à son arrivée ; les kilos réparés sont ceux des objets réparés.")),
    )
    for month in period.months:
        for row in sorted(found.get(month, []), key=lambda r: r["quartier__name"] or ""):
            table.rows.append(
                [
                    month_label(month),
                    row["quartier__name"] or str(_("hors quartier")),
                    row["brought"],
                    row["fixed"],
                    (row["kg"] or Decimal("0")).quantize(Decimal("0.01")),
                ]
            )
    return table
