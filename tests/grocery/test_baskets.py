"""A household prepares a basket for its slot from what is in stock; allergies only with consent, and
deleted at the visit, at cancellation or once the slot has passed."""

import datetime as dt
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from solidarite.grocery import baskets, retention, services, slots, stock
from solidarite.grocery.models import Basket, SlotBooking
from tests.factories import UserFactory
from tests.grocery.factories import make_grocery, orient

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    """An épicerie with bread and hygiene products in stock, fresh food all given out, nothing else."""
    manager, volunteer = UserFactory(), UserFactory()
    grocery = make_grocery(managers=[manager], volunteers=[volunteer])
    stock.record(by=manager, grocery=grocery, category="pain", kg="8", source="donation")
    stock.record(by=manager, grocery=grocery, category="hygiene", kg="3,5", source="purchase")
    stock.record(by=manager, grocery=grocery, category="frais", kg="2", source="surplus")
    stock.record(by=manager, grocery=grocery, category="frais", kg="2", source="distribution")
    orientation, code = orient(grocery)
    return grocery, manager, volunteer, orientation.household, code


def booked_today(household) -> SlotBooking:
    """A slot today for the household (the till only shows the day's basket)."""
    now = timezone.now()
    return SlotBooking.objects.create(
        grocery=household.grocery, household=household, start=now, end=now + dt.timedelta(minutes=30)
    )


def test_only_categories_in_stock_are_offered():
    assert baskets.in_stock(make_grocery()) == []


def test_the_categories_offered_are_those_still_in_stock(shop):
    grocery, *_ = shop
    assert [code for code, _label in baskets.in_stock(grocery)] == ["pain", "hygiene"]


def test_a_household_prepares_a_basket_and_replaces_it(shop):
    grocery, _manager, _volunteer, household, _code = shop
    booking = booked_today(household)
    baskets.prepare(household=household, booking_id=booking.pk, categories=["hygiene", "pain"])
    basket = baskets.prepare(household=household, booking_id=booking.pk, categories=["pain"])
    assert Basket.objects.get() == basket
    assert basket.categories == ["pain"] and basket.allergens == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"categories": []}, "au moins une catégorie"),
        ({"categories": ["frais"]}, "n'est plus en stock"),
        ({"categories": ["caviar"]}, "n'est plus en stock"),
        ({"categories": ["pain"], "allergens": ["plutonium"]}, "dans la liste"),
        ({"categories": ["pain"], "allergens": ["gluten"]}, "case d'accord"),
    ],
)
def test_a_bad_basket_is_refused_in_french_and_saves_nothing(shop, fields, message):
    _grocery, _manager, _volunteer, household, _code = shop
    booking = booked_today(household)
    with pytest.raises(ValidationError, match=message):
        baskets.prepare(household=household, booking_id=booking.pk, **fields)
    assert not Basket.objects.exists()


def test_a_household_cannot_prepare_the_basket_of_another_s_slot(shop):
    grocery, _manager, _volunteer, household, _code = shop
    other = orient(grocery)[0].household
    booking = booked_today(other)
    with pytest.raises(ValidationError, match="pas \\(ou plus\\) réservé pour vous"):
        baskets.prepare(household=household, booking_id=booking.pk, categories=["pain"])
    assert not Basket.objects.exists()


def test_the_till_and_the_day_view_show_the_basket_and_its_allergies(client, shop):
    grocery, manager, volunteer, household, code = shop
    booking = booked_today(household)
    baskets.prepare(
        household=household, booking_id=booking.pk, categories=["pain"], allergens=["lait", "gluten"], consent=True
    )
    client.force_login(volunteer)
    till = client.post(reverse("grocery:till", args=[grocery.slug]), {"code": code}).content.decode()
    assert "Panier demandé : pain et viennoiseries." in till
    assert "Sans : gluten (blé, seigle, orge, avoine), lait." in till
    client.force_login(manager)
    day = client.get(reverse("grocery:day", args=[grocery.slug])).content.decode()
    assert f"…{household.code_hint} — panier : pain et viennoiseries (sans : gluten" in day


def test_the_visit_deletes_the_basket_and_its_allergies(shop):
    grocery, _manager, volunteer, household, _code = shop
    booking = booked_today(household)
    baskets.prepare(household=household, booking_id=booking.pk, categories=["pain"], allergens=["lait"], consent=True)
    services.record_visit(by=volunteer, grocery=grocery, household=household, amount=500)
    assert not Basket.objects.exists()


def test_cancelling_the_slot_deletes_its_basket(shop):
    grocery, _manager, _volunteer, household, _code = shop
    slot = next(s for s in slots.slots(grocery) if s.bookable)
    booking = slots.book(household=household, start=slot.start)
    baskets.prepare(household=household, booking_id=booking.pk, categories=["pain"], allergens=["soja"], consent=True)
    slots.cancel(household=household, booking_id=booking.pk)
    assert not Basket.objects.exists()


def test_the_daily_purge_deletes_the_baskets_of_past_slots(shop, clock):
    grocery, _manager, _volunteer, household, _code = shop
    booking = booked_today(household)
    baskets.prepare(household=household, booking_id=booking.pk, categories=["pain"], allergens=["lait"], consent=True)
    assert retention.purge()["baskets_deleted"] == 0
    clock.shift(dt.timedelta(hours=1))
    out = io.StringIO()
    call_command("purge_grocery", stdout=out)
    assert "baskets_deleted=1" in out.getvalue()
    assert not Basket.objects.exists()


def test_a_household_prepares_its_basket_on_its_page_without_javascript(client, shop):
    grocery, _manager, _volunteer, household, code = shop
    client.post(reverse("grocery:access"), {"code": code})
    slot = next(s for s in slots.slots(grocery) if s.bookable)
    booking = slots.book(household=household, start=slot.start)
    page = client.get(reverse("grocery:space")).content.decode()
    assert re.search(r'name="categories" value="pain"', page)
    assert 'value="frais"' not in page  # out of stock: not offered
    url = reverse("grocery:space_basket", args=[booking.pk])
    refused = client.post(url, {"categories": ["pain"], "allergies": ["lait"]}, follow=True).content.decode()
    assert "Cochez la case d&#x27;accord" in refused
    assert not Basket.objects.exists()
    done = client.post(url, {"categories": ["pain"], "allergies": ["lait"], "accord": "oui"}, follow=True)
    assert "Panier enregistré" in done.content.decode()
    assert "Panier demandé : pain et viennoiseries." in done.content.decode()
    client.post(url, {"retirer": "oui"})
    assert not Basket.objects.exists()


def test_the_api_prepares_a_basket_by_code_and_the_till_reads_it(client, shop):
    grocery, _manager, volunteer, household, code = shop
    booking = booked_today(household)
    url = reverse("api:grocery-basket", args=[grocery.slug])
    body = {"code": code, "booking": booking.pk, "categories": ["pain"], "allergens": ["lait"], "consent": True}
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["allergens"] == ["lait"]
    wrong = client.post(url, {**body, "code": "AAAAA-AAAAA"}, content_type="application/json")
    assert wrong.status_code == 400
    client.force_login(volunteer)
    card = client.post(
        reverse("api:grocery-till", args=[grocery.slug]), {"code": code}, content_type="application/json"
    ).json()
    assert card["basket"]["categories"] == ["pain"] and card["basket"]["allergens"] == ["lait"]
