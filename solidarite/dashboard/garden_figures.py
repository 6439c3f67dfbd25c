"""The shared gardens' figures for staff: plots allocated and the days applicants waited, by month and by
the quartier they live in (read from the allocations, which keep these figures after the applications
are deleted). Small counts are printed « < 5 »: a quartier and a month could point at a gardener.
"""

from django.db.models import Avg, Count
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from solidarite.dashboard.tables import SMALL_COUNT, Table, month_key, month_label
from solidarite.gardens.models import Allocation


def plots_allocated(period) -> Table:
    rows = (
        Allocation.objects.filter(created_at__gte=period.start, created_at__lt=period.end)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "quartier__name")
        .annotate(count=Count("pk"), waited=Avg("waited_days"))
        .order_by("month", "quartier__name")
    )
    table = Table(
        "jardins-parcelles-attribuees",
        str(_("Jardins partagés : parcelles attribuées et attente")),
        [str(_("Mois")), str(_("Quartier")), str(_("Parcelles attribuées")), str(_("Attente moyenne (jours)"))],
        note=str(_("Par quartier d'habitation des jardinier·es. Moins de 5 : « < 5 », sans l'attente.")),
        units={2: "people"},
    )
    by_month = {}
    for row in rows:
        by_month.setdefault(month_key(row["month"]), []).append(row)
    for month in period.months:
        for row in by_month.get(month, []):
            count = row["count"]
            waited = "—" if 0 < count < SMALL_COUNT else round(row["waited"] or 0)
            table.rows.append([month_label(month), row["quartier__name"] or str(_("non dit")), count, waited])
    return table
