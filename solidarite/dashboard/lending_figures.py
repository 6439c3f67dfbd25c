"""The library of things' figures for staff and the yearly report: loans and kg lent by month, and by
quartier and month. A loan counts in the month it was handed over, with the weight recorded then (the
borrower's quartier when they booked, kept when the person is removed). By quartier, 1 to 4 loans print
« < 5 »: with a quartier and a month, a handful of loans could point at someone.
"""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from solidarite.dashboard.tables import Table, month_key, month_label
from solidarite.lending.models import Handover, Item


def _kg(value) -> Decimal:
    # SQLite sums decimals as floats: always two places, as weighed.
    return Decimal(value or 0).quantize(Decimal("0.01"))


def _out(period):
    return Handover.objects.filter(direction=Handover.Direction.OUT, at__gte=period.start, at__lt=period.end)


def lending_by_month(period) -> Table:
    rows = (
        _out(period)
        .annotate(month=TruncMonth("at"))
        .values("month")
        .annotate(
            loans=Count("pk"),
            kg=Sum("weight_kg"),
            kits=Count("pk", filter=Q(loan__item__category__in=Item.KITS)),
        )
    )
    # Apart: joining the steps in the query above would count a loan once per step.
    late = (
        _out(period)
        .filter(loan__transitions__name="flag_late")
        .annotate(month=TruncMonth("at"))
        .values("month")
        .annotate(late=Count("pk", distinct=True))
    )
    by_month = {month_key(row["month"]): row for row in rows}
    late_by_month = {month_key(row["month"]): row["late"] for row in late}
    table = Table(
        "objetheque-par-mois",
        str(_("Objethèque : prêts par mois")),
        [
            str(_("Mois")),
            str(_("Prêts")),
            str(_("Poids prêté (kg)")),
            str(_("Dont kits énergie et eau")),
            str(_("Rendus en retard")),
        ],
        note=str(_("Un prêt compte le mois où l'objet est remis, avec le poids pesé ce jour-là.")),
    )
    for month in period.months:
        row = by_month.get(month, {})
        table.rows.append(
            [
                month_label(month),
                row.get("loans", 0),
                _kg(row.get("kg")),
                row.get("kits", 0),
                late_by_month.get(month, 0),
            ]
        )
    return table


def lending_by_quartier(period) -> Table:
    rows = (
        _out(period)
        .annotate(month=TruncMonth("at"))
        .values("month", "loan__quartier__name")
        .annotate(loans=Count("pk"), kg=Sum("weight_kg"))
    )
    table = Table(
        "objetheque-par-quartier",
        str(_("Objethèque : prêts par quartier et par mois")),
        [str(_("Quartier")), str(_("Mois")), str(_("Prêts")), str(_("Poids prêté (kg)"))],
        note=str(_("Le quartier de la personne quand elle a réservé. Moins de 5 prêts : « < 5 »."))
        + " "
        + str(_("Sans quartier : non renseigné dans le profil.")),
        units={2: "people"},
    )
    unknown = str(_("Sans quartier"))
    ordered = sorted(rows, key=lambda r: (r["loan__quartier__name"] or "~", month_key(r["month"])))
    for row in ordered:
        table.rows.append(
            [row["loan__quartier__name"] or unknown, month_label(month_key(row["month"])), row["loans"], _kg(row["kg"])]
        )
    return table


def tables(period) -> list[Table]:
    return [lending_by_month(period), lending_by_quartier(period)]
