"""Non-take-up figures on the staff dashboard: estimates computed (the anonymous tally), aids found, claims
made and rights opened, by aid and month. Aggregates only: 1 to 4 print « < 5 », page and CSV alike."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidarite.dashboard import estimate_figures, figures
from solidarite.dashboard.tables import month_label
from solidarite.estimate import claims, jobs, tally
from solidarite.estimate.models import ClaimLog, EstimateTally, SavedEstimate
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]

RSA_AND_HOUSING = {"rsa": 420.5, "aides_logement": 310.0, "prime_activite": 0.0}
HOUSING = {"aides_logement": 150.0}


def estimates(count, amounts, month=None):
    for _index in range(count):
        tally.count(amounts, month or jobs.current_month())


def claimants(count, *, opened=0, amounts=RSA_AND_HOUSING):
    """People who saved an estimate, claimed each aid, and of whom ``opened`` got the RSA."""
    for index in range(count):
        person = UserFactory(display_name=f"Personne Secrète {index}")
        saved = SavedEstimate.objects.create(
            user=person, month=jobs.current_month(), legislation="176", answers={}, amounts=amounts
        )
        for claim in claims.follow(user=person, saved=saved):
            claims.take_step(user=person, pk=claim.pk, url_name="demandee")
            if claim.aid_code == "rsa" and index < opened:
                claims.take_step(user=person, pk=claim.pk, url_name="ouverte")


def csv_rows(client, slug):
    response = client.get(reverse("dashboard:csv", args=[slug]))
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_tally_counts_each_estimate_once_per_aid_and_the_aids_found():
    estimates(3, RSA_AND_HOUSING)
    estimates(2, HOUSING)
    first = dt.date.fromisoformat(jobs.current_month() + "-01")
    rows = {row.aid_code: (row.estimates, row.found) for row in EstimateTally.objects.filter(month=first)}
    assert set(rows) == set(tally.aid_codes())
    assert rows["aides_logement"] == (5, 5)
    assert rows["rsa"] == (5, 3)
    assert rows["prime_activite"] == (5, 0)


def test_figures_by_aid_and_month_with_small_counts_hidden(client_for):
    estimates(12, RSA_AND_HOUSING)
    estimates(3, HOUSING)
    claimants(6, opened=2)
    period = figures.Period.last_months(12)
    this_month = month_label(period.months[-1])

    by_aid = {row[0]: row[1:] for row in estimate_figures.by_aid(period).display_rows}
    assert by_aid["Revenu de solidarité active (RSA)"] == [15, 12, 6, "< 5"]
    assert by_aid["Aide au logement (APL, ALS ou ALF)"] == [15, 15, 6, 0]
    assert by_aid["Prime d'activité"] == [15, 0, 0, 0]

    by_month = {row[0]: row[1:] for row in estimate_figures.by_month(period).display_rows}
    assert by_month[this_month] == [15, 27, 12, "< 5"]
    assert by_month[month_label(period.months[0])] == [0, 0, 0, 0]

    detail = estimate_figures.by_aid_and_month(period)
    assert [row[:2] for row in detail.rows] == [
        [this_month, title] for title in (row[0] for row in estimate_figures.by_aid(period).rows)
    ]  # every aid was estimated this month, none in the others
    assert "< 5" in detail.note and "compteur anonyme" in detail.note

    client = client_for(UserFactory(staff=True))
    rows = csv_rows(client, "non-recours-par-aide")
    assert rows[0] == ["Aide", "Estimations", "Aide trouvée", "Demandes faites", "Droits ouverts"]
    assert {row[0]: row[1:] for row in rows[1:]}["Revenu de solidarité active (RSA)"] == ["15", "12", "6", "< 5"]
    detail_csv = csv_rows(client, "non-recours-par-mois-et-aide")
    assert [this_month, "Revenu de solidarité active (RSA)", "15", "12", "6", "< 5"] in detail_csv
    page = client.get(reverse("dashboard:index")).content.decode()
    assert "Non-recours aux droits par mois" in page and "&lt; 5" in page
    assert "Personne Secrète" not in page


def test_a_claim_refused_then_made_again_counts_once_in_its_month():
    claimants(1)
    claim = ClaimLog.objects.filter(name="apply").first().claim
    person = claim.user
    claims.take_step(user=person, pk=claim.pk, url_name="refusee")
    claims.take_step(user=person, pk=claim.pk, url_name="a-refaire")
    claims.take_step(user=person, pk=claim.pk, url_name="demandee")
    period = figures.Period.last_months(3)
    rsa = next(row for row in estimate_figures.by_aid(period).rows if row[0].startswith("Revenu"))
    assert rsa[3] == 1


def test_old_months_stay_out_of_the_period():
    period = figures.Period.last_months(3)
    before = period.months[0] - dt.timedelta(days=1)
    estimates(7, HOUSING, month=before.strftime("%Y-%m"))
    assert all(row[1] == 0 for row in estimate_figures.by_aid(period).rows)


def test_the_query_count_does_not_grow_with_the_estimates_and_claims():
    estimates(1, HOUSING)
    claimants(1)
    period = figures.Period.last_months(12)
    with CaptureQueriesContext(connection) as few:
        estimate_figures.tables(period)
    estimates(20, RSA_AND_HOUSING)
    estimates(5, HOUSING, month=period.months[0].strftime("%Y-%m"))
    claimants(8, opened=5)
    with CaptureQueriesContext(connection) as many:
        tables = estimate_figures.tables(period)
    assert len(many.captured_queries) == len(few.captured_queries) <= 6
    assert sum(row[1] for row in tables[1].rows) == 26
