"""Non-take-up of rights on the staff dashboard (issue 16, « cibler les manques »): aggregates only.

By aid and by month: estimates computed, aids found likely payable (the anonymous ``EstimateTally``: an
unsaved estimate leaves nothing else), claims made (« demande faite ») and rights opened (« droit ouvert »),
counted from the steps of the saved claims (``ClaimLog``), each claim once a month whatever its retries.
No quartier: the questionnaire asks the commune, not the quartier, and the tally keeps neither.
Counts from 1 to ``tables.SMALL_COUNT`` - 1 print « < 5 » (page and CSV). Claims of an erased account are
erased with it, so they no longer count. Each table is two or three grouped queries.
"""

from django.db.models import Count, Max, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from solidarite.dashboard.tables import SMALL_COUNT, Table, month_key, month_label
from solidarite.estimate import results
from solidarite.estimate.models import Claim, ClaimLog, EstimateTally

PEOPLE = {1: "people", 2: "people", 3: "people", 4: "people"}
STEPS = {"applied": Claim.Status.APPLIED, "opened": Claim.Status.OPENED}
# The steps of estimate.claims.CLAIM that make a claim (again, after a refusal) and open a right.
STEP_NAMES = ("apply", "opened")


def _note():
    return str(
        _(
            "Estimations : calculées sur le site, enregistrées ou non (un compteur anonyme par mois et par aide, sans "
            "personne ni date précise). Aide trouvée : estimée probablement due. Demandes faites et droits ouverts : "
            "les démarches suivies dans « mes démarches », au mois où la personne l'a indiqué. De 1 à %(last)s, un "
            "nombre s'affiche « < %(small)s » : avec une aide et un mois, un petit nombre pourrait désigner quelqu'un."
        )
        % {"last": SMALL_COUNT - 1, "small": SMALL_COUNT}
    )


def _titles() -> dict[str, str]:
    return {shown.codes[0]: str(shown.title) for shown in results.SHOWN}


def _tallies(period):
    return EstimateTally.objects.filter(month__gte=period.months[0], month__lte=period.months[-1])


def _claims(period, key: str) -> dict:
    """{(key value, step): distinct claims} for the claims made and rights opened in the period."""
    rows = (
        ClaimLog.objects.filter(at__gte=period.start, at__lt=period.end, name__in=STEP_NAMES)
        .values(key, "to_state")
        .annotate(n=Count("claim", distinct=True))
    )
    return {(row[key], row["to_state"]): row["n"] for row in rows}


def _columns(first) -> list[str]:
    return [
        str(first),
        str(_("Estimations")),
        str(_("Aide trouvée")),
        str(_("Demandes faites")),
        str(_("Droits ouverts")),
    ]


def by_aid(period) -> Table:
    tallies = {
        row["aid_code"]: row
        for row in _tallies(period).values("aid_code").annotate(estimates=Sum("estimates"), found=Sum("found"))
    }
    claims = _claims(period, "claim__aid_code")
    table = Table(
        "non-recours-par-aide",
        str(_("Non-recours aux droits : estimations et démarches par aide")),
        _columns(_("Aide")),
        note=_note(),
        units=dict(PEOPLE),
    )
    for code, title in _titles().items():
        row = tallies.get(code, {})
        table.rows.append(
            [
                title,
                row.get("estimates", 0),
                row.get("found", 0),
                claims.get((code, STEPS["applied"]), 0),
                claims.get((code, STEPS["opened"]), 0),
            ]
        )
    return table


def by_month(period) -> Table:
    # Every estimate adds 1 to each aid's row of its month: the month's count is any of them (the largest).
    tallies = {
        row["month"]: row
        for row in _tallies(period).values("month").annotate(estimates=Max("estimates"), found=Sum("found"))
    }
    claims = _claims_by_month(period)
    table = Table(
        "non-recours-par-mois",
        str(_("Non-recours aux droits par mois")),
        _columns(_("Mois")),
        note=_note(),
        units=dict(PEOPLE),
    )
    table.columns[2] = str(_("Aides trouvées"))
    for month in period.months:
        row = tallies.get(month, {})
        table.rows.append(
            [
                month_label(month),
                row.get("estimates", 0),
                row.get("found", 0),
                claims.get((month, STEPS["applied"]), 0),
                claims.get((month, STEPS["opened"]), 0),
            ]
        )
    return table


def _claims_by_month(period) -> dict:
    rows = (
        ClaimLog.objects.filter(at__gte=period.start, at__lt=period.end, name__in=STEP_NAMES)
        .annotate(month=TruncMonth("at"))
        .values("month", "claim__aid_code", "to_state")
        .annotate(n=Count("claim", distinct=True))
    )
    out: dict = {}
    for row in rows:
        for key in (
            (month_key(row["month"]), row["to_state"]),
            (month_key(row["month"]), row["claim__aid_code"], row["to_state"]),
        ):
            out[key] = out.get(key, 0) + row["n"]
    return out


def by_aid_and_month(period) -> Table:
    """The detail, for the CSV above all: only the (month, aid) pairs with something to count."""
    tallies = {
        (row["month"], row["aid_code"]): row
        for row in _tallies(period).values("month", "aid_code", "estimates", "found")
    }
    claims = _claims_by_month(period)
    table = Table(
        "non-recours-par-mois-et-aide",
        str(_("Non-recours aux droits par mois et par aide")),
        [str(_("Mois")), str(_("Aide")), *_columns("")[1:]],
        note=_note(),
        units={2: "people", 3: "people", 4: "people", 5: "people"},
    )
    for month in period.months:
        for code, title in _titles().items():
            row = tallies.get((month, code), {})
            line = [
                row.get("estimates", 0),
                row.get("found", 0),
                claims.get((month, code, STEPS["applied"]), 0),
                claims.get((month, code, STEPS["opened"]), 0),
            ]
            if any(line):
                table.rows.append([month_label(month), title, *line])
    return table


def tables(period) -> list[Table]:
    return [by_aid(period), by_month(period), by_aid_and_month(period)]
