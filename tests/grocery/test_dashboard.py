"""Staff figures of the épicerie: aggregates only, a month of a few households shows « < 5»."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from solidarite.dashboard.grocery_figures import grocery_by_month
from solidarite.dashboard.tables import Period
from solidarite.grocery.models import Visit
from tests.factories import UserFactory
from tests.grocery.factories import make_grocery, orient

pytestmark = pytest.mark.django_db


def _visits(grocery, count, at):
    for _ in range(count):
        household = orient(grocery)[0].household
        Visit.objects.create(grocery=grocery, household=household, size_band="2", amount=1000, at=at)


def test_a_month_of_few_households_hides_its_counts_and_amount():
    grocery = make_grocery()
    now = timezone.now()
    last_month = (timezone.localtime(now).replace(day=1) - dt.timedelta(days=1)).replace(hour=12)
    _visits(grocery, 2, last_month)
    month_start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    _visits(grocery, 6, max(month_start, now - dt.timedelta(minutes=5)))
    rows = grocery_by_month(Period.last_months(12)).rows
    assert rows[-2][1:4] == ["< 5", "< 5", "—"]
    assert rows[-1][1:4] == [6, 6, 6000]


def test_the_table_is_on_the_staff_dashboard(client):
    client.force_login(UserFactory(staff=True))
    page = client.get(reverse("dashboard:index")).content.decode()
    assert "Épicerie sociale par mois" in page


def test_kg_distributed_and_rescued_come_from_the_stock():
    from decimal import Decimal

    from solidarite.grocery.surplus_models import StockMove

    grocery = make_grocery()
    now = timezone.now()
    month_start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    at = max(month_start, now - dt.timedelta(minutes=5))
    StockMove.objects.create(grocery=grocery, category="pain", kg="6.0", direction="in", source="surplus", at=at)
    StockMove.objects.create(grocery=grocery, category="pain", kg="4.5", direction="out", source="distribution", at=at)
    assert grocery_by_month(Period.last_months(12)).rows[-1][4:] == [Decimal("4.5"), Decimal("6.0")]
