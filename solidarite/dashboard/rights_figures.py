"""Access to rights on the staff dashboard (``solidarite.dashboard.tables.Table``): aggregates only.

Appointments starting in the period, by month, permanence, theme and quartier (the quartier of the
point d'accueil: an appointment keeps nothing about where the person lives), with no-shows and
cancellations; the waiting lists as they stand today; the aids past their review date, by institution.
Counts of people from 1 to 4 print as « < 5 » (``tables.small``); a rate is shown only over 5 or more.
Each table is one or two grouped queries, whatever the number of appointments.
"""

from decimal import Decimal

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarite.dashboard.tables import SMALL_COUNT, Table, month_key, month_label
from solidarite.places.models import Quartier
from solidarite.rights.models import Aid
from solidarite.rights.permanence_models import REASONS, Appointment, Permanence
from solidarite.rights.vocabulary import institution_name
from solidarite.rights.waitlist_models import WaitlistEntry

Status = Appointment.Status
PEOPLE = {1: "people", 2: "people", 3: "people", 4: "people"}


def _appointments(period):
    return Appointment.objects.filter(start__gte=period.start, start__lt=period.end)


def _counts():
    return {
        "held": Count("id", filter=~Q(status=Status.CANCELLED)),
        "attended": Count("id", filter=Q(status=Status.ATTENDED)),
        "no_show": Count("id", filter=Q(status=Status.NO_SHOW)),
        "cancelled": Count("id", filter=Q(status=Status.CANCELLED)),
    }


def _no_show_rate(row) -> Decimal | None:
    """Over 5 appointments noted or more, and not when it would give away a hidden count of no-shows."""
    no_show = row.get("no_show", 0)
    noted = row.get("attended", 0) + no_show
    if noted < SMALL_COUNT or 0 < no_show < SMALL_COUNT:
        return None
    return (Decimal(no_show) / Decimal(noted)).quantize(Decimal("0.01"))


def _columns(first) -> list[str]:
    return [
        str(first),
        str(_("Rendez-vous")),
        str(_("Venu·es")),
        str(_("Absent·es")),
        str(_("Annulés")),
        str(_("Taux d'absence")),
    ]


NOTE = _(
    "Rendez-vous commençant dans la période, hors annulés ; taux d'absence : absent·es ÷ (venu·es + absent·es), "
    "calculé à partir de 5. De 1 à 4, un nombre de personnes s'affiche « < 5 » (et le taux qui le révélerait, non)."
)


def _row(label, row) -> list:
    return [
        label,
        row.get("held", 0),
        row.get("attended", 0),
        row.get("no_show", 0),
        row.get("cancelled", 0),
        _no_show_rate(row),
    ]


def _table(slug, title, first, rows) -> Table:
    return Table(slug, str(title), _columns(first), rows=rows, note=str(NOTE), units={**PEOPLE, 5: "percent"})


def by_month(period) -> Table:
    rows = _appointments(period).annotate(month=TruncMonth("start")).values("month").annotate(**_counts())
    found = {month_key(row["month"]): row for row in rows}
    return _table(
        "rendez-vous-par-mois",
        _("Rendez-vous des permanences par mois"),
        _("Mois"),
        [_row(month_label(month), found.get(month, {})) for month in period.months],
    )


def by_permanence(period) -> Table:

    counts = {row["permanence"]: row for row in _appointments(period).values("permanence").annotate(**_counts())}
    waiting = _waiting_by_permanence()
    table = _table(
        "rendez-vous-par-permanence",
        _("Rendez-vous et listes d'attente par permanence"),
        _("Permanence"),
        [],
    )
    table.columns.append(str(_("Liste d'attente aujourd'hui")))
    table.units[6] = "people"
    for pk, title, place in Permanence.objects.order_by("title", "pk").values_list("pk", "title", "place__name"):
        table.rows.append([*_row(f"{title} ({place})", counts.get(pk, {})), waiting.get(pk, 0)])
    return table


def _waiting_by_permanence() -> dict[int, int]:

    rows = (
        WaitlistEntry.objects.filter(status__in=WaitlistEntry.ACTIVE)
        .values("permanence")
        .annotate(n=Count("id"))
        .values_list("permanence", "n")
    )
    return dict(rows)


def by_theme(period) -> Table:
    counts = {row["reason"]: row for row in _appointments(period).values("reason").annotate(**_counts())}
    return _table(
        "rendez-vous-par-theme",
        _("Rendez-vous des permanences par thème"),
        _("Thème"),
        [_row(str(label), counts[code]) for code, label in REASONS if code in counts],
    )


def by_quartier(period) -> Table:

    rows = _appointments(period).values("permanence__place__quartier").annotate(**_counts())
    counts = {row["permanence__place__quartier"]: row for row in rows}
    table = _table(
        "rendez-vous-par-quartier",
        _("Rendez-vous des permanences par quartier du point d'accueil"),
        _("Quartier"),
        [_row(quartier.name, counts.get(quartier.pk, {})) for quartier in Quartier.objects.order_by("name")],
    )
    if None in counts:
        table.rows.append(_row(str(_("Lieu sans quartier")), counts[None]))
    return table


def aids_to_review(period) -> Table:

    today = timezone.localdate()
    rows = (
        Aid.objects.published()
        .values("institution")
        .annotate(n=Count("id"), due=Count("id", filter=Q(next_review_on__lt=today)))
        .order_by("institution")
    )
    table = Table(
        "aides-a-relire",
        str(_("Fiches du guide des aides à relire")),
        [str(_("Qui accorde l'aide")), str(_("Fiches publiées")), str(_("Date de relecture passée"))],
        note=str(
            _("Aujourd'hui, quelle que soit la période : une fiche à relire affiche « informations vérifiées le … ».")
        ),
    )
    for row in rows:
        table.rows.append([institution_name(row["institution"]), row["n"], row["due"]])
    return table


def tables(period) -> list[Table]:
    return [by_month(period), by_permanence(period), by_theme(period), by_quartier(period), aids_to_review(period)]
