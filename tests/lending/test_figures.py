"""The staff dashboard's objethèque figures: loans and kg lent in the month they went out, by quartier."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from solidarite.dashboard.lending_figures import lending_by_month, lending_by_quartier
from solidarite.dashboard.tables import Period
from solidarite.lending import services
from tests.factories import UserFactory
from tests.lending.factories import days_ahead, make_item, manager

pytestmark = pytest.mark.django_db


def _lend(item, borrower, weight):
    loan = services.book_days(item=item, borrower=borrower, first_day=days_ahead(0), last_day=days_ahead(1))
    services.hand_over(loan=loan, by=manager(item.lender), condition="good", weight_kg=weight)
    return loan


def test_loans_and_kg_lent_by_month_and_quartier_count_handovers_with_their_weight(clock):
    kit, drill = make_item(), make_item(category="tools", guide="")
    _lend(kit, UserFactory(), "0.40")
    _lend(drill, UserFactory(), "1.85")
    # Booked but not handed over: not lent.
    services.book_days(item=kit, borrower=UserFactory(), first_day=days_ahead(3), last_day=days_ahead(4))
    period = Period.last_months(12)
    month = lending_by_month(period).rows[-1]
    assert month[1:] == [2, Decimal("2.25"), 1, 0]
    quartier = lending_by_quartier(period)
    assert [row[2:] for row in quartier.rows] == [[2, Decimal("2.25")]]
    assert quartier.display_rows[0][2] == "< 5"  # a handful of loans in one quartier and month


def test_the_dashboard_page_and_its_csv_show_the_objetheque(client):
    item = make_item()
    _lend(item, UserFactory(), "0.40")
    client.force_login(UserFactory(is_staff=True))
    assert "Objethèque : prêts par mois" in client.get(reverse("dashboard:index")).content.decode()
    csv = client.get(reverse("dashboard:csv", args=["objetheque-par-mois"])).content.decode()
    assert csv.splitlines()[0].startswith("Mois,Prêts,Poids prêté (kg)")
    assert csv.splitlines()[-1].endswith(",1,0.40,1,0"), csv
    client.force_login(UserFactory())
    assert client.get(reverse("dashboard:csv", args=["objetheque-par-mois"])).status_code in (302, 403)


def test_a_late_loan_is_counted_in_its_month(clock):
    from solidarite.lending import schedule

    _lend(make_item(), UserFactory(), "1")
    clock.shift(dt.timedelta(days=2, hours=1))
    schedule.flag_late()
    rows = lending_by_month(Period.last_months(12)).rows
    assert sum(row[4] for row in rows) == 1 and sum(row[1] for row in rows) == 1
