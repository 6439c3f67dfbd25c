"""The dashboard's figures: each function returns a ``Table`` (columns + rows) for one question.

Every figure covers a ``Period`` that staff pick (the last 3, 6, 12 or 24 months, or a calendar year);
its end is exclusive.

Definitions (shown on the page too):
- a help request is *met* when a match was accepted (status matched or done), *unmet* when it
  expired or was closed without one, *open* while it still waits; hidden posts are left out;
- time to first match: from the request's publication to the first match proposed for it;
- room occupancy: hours of confirmed bookings starting in the period;
- support requests: those submitted in the period, by their state today;
- envelopes: the budget of the period's last year, granted so far, and what remains.
Aggregations run in the database (constant number of queries); only durations are summed in Python.
"""

import statistics
from decimal import Decimal

from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from solidarite.dashboard import (
    equipment_figures,
    estimate_figures,
    garden_figures,
    giveaways_figures,
    grocery_figures,
    lending_figures,
    repairs_figures,
    rights_figures,
)
from solidarite.dashboard.tables import SMALL_COUNT, Period, Table, month_key, month_label, rate, small  # noqa: F401

# --- help requests ----------------------------------------------------------------------------------

MET = ("matched", "done")
UNMET = ("expired", "closed")
OPEN = ("open",)


def _help_requests(period):
    from solidarite.help.models import HelpRequest

    return HelpRequest.objects.filter(created_at__gte=period.start, created_at__lt=period.end).exclude(status="hidden")


def _outcome_counts():
    return {
        "met": Count("id", filter=Q(status__in=MET)),
        "unmet": Count("id", filter=Q(status__in=UNMET)),
        "open": Count("id", filter=Q(status__in=OPEN)),
    }


def help_by_month(period) -> Table:
    rows = (
        _help_requests(period)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(**_outcome_counts())
        .order_by("month")
    )
    by_month = {month_key(row["month"]): row for row in rows}
    table = Table(
        "entraide-par-mois",
        str(_("Demandes d'entraide par mois")),
        [str(_("Mois")), str(_("Satisfaites")), str(_("Non satisfaites")), str(_("En attente"))],
    )
    for month in period.months:
        row = by_month.get(month, {})
        table.rows.append([month_label(month), row.get("met", 0), row.get("unmet", 0), row.get("open", 0)])
    return table


def _help_by(period, key: str, slug: str, title, label) -> Table:
    rows = _help_requests(period).values(key).annotate(**_outcome_counts()).order_by(key)
    table = Table(
        slug,
        str(title),
        [str(label), str(_("Satisfaites")), str(_("Non satisfaites")), str(_("En attente")), str(_("Taux satisfait"))],
        note=str(_("Taux satisfait : satisfaites ÷ (satisfaites + non satisfaites).")),
    )
    for row in rows:
        table.rows.append(
            [row[key] or "—", row["met"], row["unmet"], row["open"], rate(row["met"], row["met"] + row["unmet"])]
        )
    return table


def help_by_category(period) -> Table:
    return _help_by(
        period, "category__name", "entraide-par-categorie", _("Demandes d'entraide par catégorie"), _("Catégorie")
    )


def help_by_quartier(period) -> Table:
    """Every quartier, even one without any request (a quiet quartier is a figure too), with its centre."""
    from solidarite.places.models import Quartier

    rows = _help_requests(period).values("quartier_id").annotate(**_outcome_counts()).order_by("quartier_id")
    counts = {row["quartier_id"]: row for row in rows}
    table = Table(
        "entraide-par-quartier",
        str(_("Demandes d'entraide par quartier")),
        [
            str(_("Quartier")),
            str(_("Satisfaites")),
            str(_("Non satisfaites")),
            str(_("En attente")),
            str(_("Taux satisfait")),
        ],
        note=str(
            _(
                "Taux satisfait : satisfaites ÷ (satisfaites + non satisfaites). Sur la carte, chaque quartier est "
                "placé à son centre approximatif (ses limites ne sont pas tracées)."
            )
        ),
    )
    for quartier in Quartier.objects.order_by("name"):
        row = counts.get(quartier.pk, {})
        met, unmet, waiting = row.get("met", 0), row.get("unmet", 0), row.get("open", 0)
        table.rows.append([quartier.name, met, unmet, waiting, rate(met, met + unmet)])
        table.places[quartier.name] = (quartier.latitude, quartier.longitude)
    return table


def time_to_first_match(period) -> Table:
    pairs = (
        _help_requests(period)
        .annotate(first_match=Min("matches__created_at"))
        .filter(first_match__isnull=False)
        .values_list("category__name", "created_at", "first_match")
    )
    hours: dict[str, list[float]] = {}
    for category, created, first in pairs:
        hours.setdefault(category, []).append(max((first - created).total_seconds(), 0) / 3600)
    table = Table(
        "delai-premiere-mise-en-relation",
        str(_("Délai avant la première mise en relation (heures)")),
        [str(_("Catégorie")), str(_("Demandes")), str(_("Médiane (h)")), str(_("Moyenne (h)"))],
        note=str(_("De la publication de la demande à la première mise en relation proposée.")),
    )
    everything = [value for values in hours.values() for value in values]
    for category in sorted(hours):
        values = hours[category]
        table.rows.append([category, len(values), _hours(statistics.median(values)), _hours(statistics.fmean(values))])
    if everything:
        table.rows.append(
            [
                str(_("Toutes catégories")),
                len(everything),
                _hours(statistics.median(everything)),
                _hours(statistics.fmean(everything)),
            ]
        )
    return table


def _hours(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.1"))


# --- associations -------------------------------------------------------------------------------------


def actions_by_month(period) -> Table:
    from associations.directory.models import Action, Participation

    actions = (
        Action.objects.filter(status="published", starts_at__gte=period.start, starts_at__lt=period.end)
        .annotate(month=TruncMonth("starts_at"))
        .values("month")
        .annotate(n=Count("id"))
    )
    people = (
        Participation.objects.filter(
            action__status="published", action__starts_at__gte=period.start, action__starts_at__lt=period.end
        )
        .annotate(month=TruncMonth("action__starts_at"))
        .values("month")
        .annotate(
            volunteers=Count("id", filter=Q(kind="volunteer")),
            attendees=Count("id", filter=Q(kind="attend")),
        )
    )
    count = {month_key(row["month"]): row["n"] for row in actions}
    joined = {month_key(row["month"]): row for row in people}
    table = Table(
        "actions-par-mois",
        str(_("Actions des associations et bénévoles, par mois")),
        [str(_("Mois")), str(_("Actions")), str(_("Bénévoles")), str(_("Participant·es"))],
        note=str(
            _("Actions publiées commençant ce mois-là ; inscriptions « je donne un coup de main » et « je viens ».")
        ),
    )
    for month in period.months:
        row = joined.get(month, {})
        table.rows.append([month_label(month), count.get(month, 0), row.get("volunteers", 0), row.get("attendees", 0)])
    return table


def room_occupancy(period) -> Table:
    from associations.rooms.models import Booking, Room

    hours = {room.name: [0, 0.0] for room in Room.objects.filter(is_active=True)}
    bookings = Booking.objects.filter(
        status=Booking.Status.CONFIRMED, start__gte=period.start, start__lt=period.end
    ).values_list("room__name", "start", "end")
    for name, start, end in bookings:
        entry = hours.setdefault(name, [0, 0.0])
        entry[0] += 1
        entry[1] += (end - start).total_seconds() / 3600
    table = Table(
        "occupation-des-salles",
        str(_("Occupation des salles")),
        [str(_("Salle")), str(_("Réservations confirmées")), str(_("Heures réservées"))],
    )
    for name in sorted(hours):
        table.rows.append([name, hours[name][0], _hours(hours[name][1])])
    return table


def support_by_state(period) -> Table:
    from associations.support.models import SupportRequest

    rows = (
        SupportRequest.objects.exclude(state=SupportRequest.State.DRAFT)
        .filter(submitted_at__gte=period.start, submitted_at__lt=period.end)
        .values("state")
        .annotate(n=Count("id"), asked=Sum("amount_requested"), granted=Sum("grant__amount"))
    )
    by_state = {row["state"]: row for row in rows}
    table = Table(
        "soutiens-par-etat",
        str(_("Demandes de soutien par état")),
        [str(_("État")), str(_("Demandes")), str(_("Montant demandé")), str(_("Montant accordé"))],
        note=str(_("Demandes déposées pendant la période, selon leur état d'aujourd'hui (brouillons exclus).")),
        units={2: "euros", 3: "euros"},
    )
    for state, label in SupportRequest.State.choices:
        if state == SupportRequest.State.DRAFT:
            continue
        row = by_state.get(state, {})
        table.rows.append(
            [str(label), row.get("n", 0), row.get("asked") or Decimal("0.00"), row.get("granted") or Decimal("0.00")]
        )
    return table


def envelopes(year: int) -> Table:
    from associations.support.models import Envelope

    table = Table(
        "enveloppes",
        str(_("Enveloppes %(year)s") % {"year": year}),
        [
            str(_("Enveloppe")),
            str(_("Montant")),
            str(_("Attribué")),
            str(_("Reste")),
            str(_("Part utilisée")),
        ],
        units={1: "euros", 2: "euros", 3: "euros", 4: "percent"},
    )
    for envelope in Envelope.objects.filter(year=year).order_by("kind", "theme"):
        table.rows.append(
            [
                envelope.label,
                envelope.amount,
                envelope.granted,
                envelope.remaining,
                _rate_decimal(envelope.granted, envelope.amount),
            ]
        )
    return table


def _rate_decimal(part: Decimal, whole: Decimal) -> Decimal | None:
    return (part / whole).quantize(Decimal("0.01")) if whole else None


def all_tables(period: Period) -> list[Table]:
    return [
        help_by_month(period),
        help_by_category(period),
        help_by_quartier(period),
        time_to_first_match(period),
        actions_by_month(period),
        room_occupancy(period),
        support_by_state(period),
        envelopes(period.year),
        *rights_figures.tables(period),
        *estimate_figures.tables(period),
        grocery_figures.grocery_by_month(period),
        grocery_figures.grocery_by_month_and_quartier(period),
        grocery_figures.grocery_activity_report(period),
        garden_figures.plots_allocated(period),
        *lending_figures.tables(period),
        giveaways_figures.gifts_by_quartier_month(period),
        repairs_figures.repairs_by_month_and_quartier(period),
        *equipment_figures.tables(period),
    ]
