"""The épicerie's pages cost the same number of queries with one row or many in their lists, and the
public page links the guide of aids' food aids only where the guide has some."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from solidarite import intervals
from solidarite.grocery import surplus
from solidarite.grocery.models import Basket, SlotBooking
from solidarite.grocery.surplus_models import Need, StockMove
from tests.factories import UserFactory
from tests.grocery.factories import make_grocery, make_prescriber, orient
from tests.rights.factories import make_aid
from tests.shops.factories import ShopFactory

pytestmark = pytest.mark.django_db


def _queries(client, url, method="get", data=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data or {})
    assert response.status_code == 200, response.content.decode()[:1000]
    return len(captured)


def _book_today(grocery, household, minute):
    start = dt.datetime.combine(timezone.localdate(), dt.time(10, minute), tzinfo=intervals.PARIS)
    booking = SlotBooking.objects.create(
        grocery=grocery, household=household, start=start, end=start + dt.timedelta(minutes=30)
    )
    Basket.objects.create(booking=booking, categories=["pain"], allergens=["lait"], updated_at=timezone.now())


def test_the_day_view_and_the_till_cost_the_same_with_one_booking_or_ten(client):
    manager = UserFactory()
    grocery = make_grocery(managers=[manager], slot_capacity=50)
    prescriber = make_prescriber()
    orientation, code = orient(grocery, by=prescriber)
    _book_today(grocery, orientation.household, 0)
    client.force_login(manager)
    day, till = reverse("grocery:day", args=[grocery.slug]), reverse("grocery:till", args=[grocery.slug])
    few = (_queries(client, day), _queries(client, till, "post", {"code": code}))
    for minute in range(1, 10):
        _book_today(grocery, orient(grocery, by=prescriber)[0].household, minute)
    assert (_queries(client, day), _queries(client, till, "post", {"code": code})) == few


def test_the_surplus_list_costs_the_same_with_one_offer_or_eight(client):
    manager = UserFactory()
    grocery = make_grocery(managers=[manager], latitude="47.196000", longitude="-1.548000")
    Need.objects.create(grocery=grocery, category="pain", updated_at=timezone.now())
    shop = ShopFactory(owned=True)

    def offer():
        until = timezone.now() + dt.timedelta(hours=120)
        surplus.offer_surplus(by=shop.owner, shop=shop, category="pain", what="Pains", kg="2", until=until)

    offer()
    url = reverse("grocery:surplus")
    client.force_login(manager)
    few_manager = _queries(client, url)
    client.force_login(shop.owner)
    few_shop = _queries(client, url)
    for _ in range(7):
        offer()
    assert _queries(client, url) == few_shop
    client.force_login(manager)
    assert _queries(client, url) == few_manager


def test_the_stock_and_orientation_lists_cost_the_same_with_few_or_many_rows(client):
    manager = UserFactory()
    grocery = make_grocery(managers=[manager])
    prescriber = make_prescriber()
    orient(grocery, by=prescriber)
    StockMove.objects.create(
        grocery=grocery, category="pain", kg="2.0", direction="in", source="purchase", at=timezone.now()
    )
    stock, orientations = reverse("grocery:stock", args=[grocery.slug]), reverse("grocery:orientations")
    client.force_login(manager)
    few_stock = _queries(client, stock)
    client.force_login(prescriber)
    few_orientations = _queries(client, orientations)
    for _ in range(8):
        orient(grocery, by=prescriber)
        StockMove.objects.create(
            grocery=grocery, category="frais", kg="1.0", direction="out", source="distribution", at=timezone.now()
        )
    assert _queries(client, orientations) == few_orientations
    client.force_login(manager)
    assert _queries(client, stock) == few_stock


def test_the_page_links_the_guide_s_food_aids_only_where_the_guide_has_some(client):
    grocery = make_grocery()
    make_aid()  # housing: not food
    page = client.get(grocery.get_absolute_url()).content.decode()
    assert "Dans le guide des aides" not in page
    aid = make_aid(
        slug="epicerie-sociale", title="Épicerie sociale", themes=["equipement-et-alimentation--alimentation"]
    )
    make_aid(
        slug="brouillon", title="Brouillon", themes=["equipement-et-alimentation--alimentation"], is_published=False
    )
    page = client.get(grocery.get_absolute_url()).content.decode()
    assert f'href="{aid.get_absolute_url()}"' in page and "Brouillon" not in page
    assert "?theme=equipement-et-alimentation--alimentation" in page
