"""The épicerie sociale's figures for staff and the annual report: aggregates only, small counts hidden.

By month, over every épicerie: households served (distinct), visits, amounts spent, kg distributed (stock
out to households) and kg of shops' surplus accepted. A count under ``tables.SMALL_COUNT`` (and the amount of such a
month) is printed « < 5 »: with a handful of households, a month's figures would point at people.
Households are pseudonymous and keep no address, so there is no breakdown by quartier (by design).
Households purged 12 months after their last right no longer count as distinct households (their visits
and amounts still do).
"""

from decimal import Decimal

from django.db.models import Count, Max, Q, Sum
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


# The fewest people a household of each size band holds: the report gives a lower bound, never a guess.
PEOPLE_AT_LEAST = {"1": 1, "2": 2, "3-4": 3, "5+": 5}


def grocery_activity_report(period) -> Table:
    """The yearly activity figures a habilitated food-aid structure reports (CASF L.266-1, R.266-2):
    per épicerie over the period, households and people served, visits, food received by origin,
    distributed and lost, till volunteers. Aggregates only; counts under 5 print « < 5 »."""
    from solidarite.grocery.models import Grocery

    served = (
        Visit.objects.filter(at__gte=period.start, at__lt=period.end, household__isnull=False)
        .order_by()  # no default ordering in the GROUP BY
        .values("grocery", "household")
        # A household counts once, at the largest band it had (the bands' codes sort by size).
        .annotate(band=Max("size_band"))
    )
    households, people = {}, {}
    for row in served:
        households[row["grocery"]] = households.get(row["grocery"], 0) + 1
        people[row["grocery"]] = people.get(row["grocery"], 0) + PEOPLE_AT_LEAST.get(row["band"], 1)
    visits = dict(
        Visit.objects.filter(at__gte=period.start, at__lt=period.end)
        .values("grocery")
        .annotate(n=Count("pk"))
        .values_list("grocery", "n")
    )
    zero = Decimal("0.0")
    kg = {
        row["grocery"]: row
        for row in StockMove.objects.filter(at__gte=period.start, at__lt=period.end)
        .values("grocery")
        .annotate(
            **{
                source: Sum("kg", filter=Q(source=source))
                for source in ("surplus", "donation", "purchase", "distribution", "loss")
            }
        )
    }
    table = Table(
        "epicerie-rapport-annuel",
        str(_("Aide alimentaire : rapport d'activité (CASF L.266-1)")),
        [
            str(_("Épicerie")),
            str(_("Foyers servis")),
            str(_("Personnes servies (au moins)")),
            str(_("Passages")),
            str(_("Invendus des commerces reçus (kg)")),
            str(_("Dons et collectes reçus (kg)")),
            str(_("Achats (kg)")),
            str(_("Distribués (kg)")),
            str(_("Pertes (kg)")),
            str(_("Bénévoles de caisse")),
        ],
        note=str(
            _(
                "Sur la période choisie (choisissez une année civile pour le rapport annuel). Les personnes "
                "sont comptées au plus bas de la taille déclarée du foyer. Moins de 5 : « < 5 »."
            )
        ),
        units={1: "people", 2: "people", 3: "people"},
    )
    for grocery in Grocery.objects.annotate(tills=Count("volunteers", distinct=True)).order_by("name", "pk"):
        moves = kg.get(grocery.pk, {})
        table.rows.append(
            [
                grocery.name,
                households.get(grocery.pk, 0),
                people.get(grocery.pk, 0),
                visits.get(grocery.pk, 0),
                *(moves.get(source) or zero for source in ("surplus", "donation", "purchase", "distribution", "loss")),
                grocery.tills,
            ]
        )
    return table
