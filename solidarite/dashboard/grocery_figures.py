"""The épicerie sociale's figures for staff and the annual report: aggregates only, small counts hidden.

By month, over every épicerie: households served (distinct), visits, amounts spent, kg distributed (stock
out to households) and kg of shops' surplus accepted. A count under ``tables.SMALL_COUNT`` (and the amount of such a
month) is printed « < 5 »: with a handful of households, a month's figures would point at people.
Households are pseudonymous and keep no address; the prescriber may record the town's quartier they live
in (or nothing), and each visit keeps a copy of it, so the figures by month and quartier
(``grocery_by_month_and_quartier``) survive the purge. Households purged 12 months after their last
right no longer count as distinct households (their visits and amounts still do).
"""

from decimal import Decimal

from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from solidarite.dashboard.tables import SMALL_COUNT, Table, month_key, month_label, small
from solidarite.grocery.models import Grocery, StockMove, Visit
from solidarite.places.geo import Point
from solidarite.places.models import Quartier, within_town


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


def _quartier_of(quartier_id, latitude, longitude, quartiers) -> int | None:
    """A place's quartier: the one it was given, else the nearest to its point within the town (as shops
    and help requests derive theirs), else none."""
    if quartier_id is not None:
        return quartier_id
    if latitude is None or longitude is None:
        return None
    point = Point(float(latitude), float(longitude))
    if not within_town(point):
        return None
    nearest = quartiers.nearest(point)
    return nearest.pk if nearest else None


def grocery_by_month_and_quartier(period) -> Table:
    """Households served and visits by the quartier the household gave at orientation (copied on each
    visit); kg distributed by the épicerie's quartier (the stock is the épicerie's, not a household's);
    kg of surplus rescued by the quartier of the shop it came from. Four queries, whatever the data."""
    quartiers = Quartier.objects.order_by("name")
    names = {q.pk: q.name for q in quartiers}  # evaluates (and caches) the queryset ``nearest`` reads
    visits = (
        Visit.objects.filter(at__gte=period.start, at__lt=period.end)
        .annotate(month=TruncMonth("at"))
        .values("month", "quartier")
        .annotate(households=Count("household", distinct=True), visits=Count("pk"))
        .order_by()
    )
    groceries = {
        pk: _quartier_of(None, lat, lon, quartiers)
        for pk, lat, lon in Grocery.objects.order_by().values_list("pk", "latitude", "longitude")
    }
    moves = (
        StockMove.objects.filter(at__gte=period.start, at__lt=period.end, source__in=("surplus", "distribution"))
        .annotate(month=TruncMonth("at"))
        .values(
            "month", "source", "grocery", "offer__shop__quartier", "offer__shop__latitude", "offer__shop__longitude"
        )
        .annotate(kg=Sum("kg"))
        .order_by()
    )
    cells: dict[tuple, dict] = {}

    def cell(month, quartier_id) -> dict:
        return cells.setdefault((month_key(month), quartier_id), {"households": 0, "visits": 0})

    for row in visits:
        found = cell(row["month"], row["quartier"])
        found["households"] += row["households"]
        found["visits"] += row["visits"]
    for row in moves:
        if row["source"] == "distribution":
            where = groceries.get(row["grocery"])
        else:  # a surplus typed by hand has no offer, hence no shop: « non situé »
            shop = (row["offer__shop__quartier"], row["offer__shop__latitude"], row["offer__shop__longitude"])
            where = _quartier_of(*shop, quartiers)
        found = cell(row["month"], where)
        found[row["source"]] = found.get(row["source"], Decimal("0")) + (row["kg"] or Decimal("0"))
    table = Table(
        "epicerie-par-mois-et-quartier",
        str(_("Épicerie sociale par mois et par quartier")),
        [
            str(_("Mois")),
            str(_("Quartier")),
            str(_("Foyers servis")),
            str(_("Passages")),
            str(_("Distribués (kg)")),
            str(_("Invendus récupérés (kg)")),
        ],
        note=str(
            _(
                "Foyers et passages : par quartier d'habitation, tel que le foyer l'a dit à son orientation. "
                "Kilos distribués : quartier de l'épicerie ; invendus : quartier du commerce qui les a donnés. "
                "Moins de 5 foyers ou passages : « < 5 »."
            )
        ),
        units={2: "people", 3: "people"},
    )
    other = str(_("non dit, hors commune ou non situé"))
    order = sorted(names, key=lambda pk: names[pk])
    for month in period.months:
        for quartier_id in [*order, None]:
            found = cells.get((month, quartier_id))
            if found is None:
                continue
            table.rows.append(
                [
                    month_label(month),
                    names.get(quartier_id, other),
                    found["households"],
                    found["visits"],
                    found.get("distribution", Decimal("0")),
                    found.get("surplus", Decimal("0")),
                ]
            )
    return table


# The fewest people a household of each size band holds: the report gives a lower bound, never a guess.
PEOPLE_AT_LEAST = {"1": 1, "2": 2, "3-4": 3, "5+": 5}


def grocery_activity_report(period) -> Table:
    """The yearly activity figures a habilitated food-aid structure reports (CASF L.266-1, R.266-2):
    per épicerie over the period, households and people served, visits, food received by origin,
    distributed and lost, till volunteers. Aggregates only; counts under 5 print « < 5 »."""
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
