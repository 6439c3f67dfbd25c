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


def test_the_yearly_activity_report_counts_households_people_visits_and_food_by_origin(client):
    from decimal import Decimal

    from solidarite.dashboard.grocery_figures import grocery_activity_report
    from solidarite.grocery.surplus_models import StockMove

    manager = UserFactory()
    grocery = make_grocery(managers=[manager], volunteers=[UserFactory(), UserFactory()])
    make_grocery(slug="autre", name="Autre épicerie")
    now = timezone.now()
    at = now - dt.timedelta(minutes=5)
    for size_band, count in (("1", 3), ("3-4", 2), ("5+", 1)):
        for _ in range(count):
            household = orient(grocery, size_band=size_band)[0].household
            for _visit in range(2):
                Visit.objects.create(grocery=grocery, household=household, size_band=size_band, amount=500, at=at)
    received = (("surplus", "12.5"), ("donation", "4"), ("purchase", "20"), ("distribution", "30"), ("loss", "1"))
    for source, kg in received:
        direction = "out" if source in {"distribution", "loss"} else "in"
        StockMove.objects.create(grocery=grocery, category="pain", kg=kg, direction=direction, source=source, at=at)
    table = grocery_activity_report(Period.calendar_year(timezone.localtime(now).year))
    ours = next(row for row in table.rows if row[0] == grocery.name)
    assert ours[1:4] == [6, 3 * 1 + 2 * 3 + 5, 12]
    assert ours[4:9] == [Decimal("12.5"), Decimal("4"), Decimal("20"), Decimal("30"), Decimal("1")]
    assert ours[9] == 2
    other = next(row for row in table.display_rows if row[0] == "Autre épicerie")
    assert other[1:4] == [0, 0, 0]
    client.force_login(UserFactory(staff=True))
    csv = client.get(reverse("dashboard:csv", args=["epicerie-rapport-annuel"])).content.decode()
    assert "Personnes servies (au moins)" in csv and grocery.name in csv
