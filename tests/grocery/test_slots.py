"""Visit slots cut from the épicerie's OSM hours; booked by code alone; never over capacity."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from solidarite.grocery import services, slots
from solidarite.grocery.models import SlotBooking
from tests import concurrency
from tests.grocery.factories import make_grocery, orient

pytestmark = pytest.mark.django_db


def first_bookable(grocery):
    return next(slot for slot in slots.slots(grocery) if slot.bookable)


def test_slots_lie_within_the_opening_hours_and_skip_closed_days():
    grocery = make_grocery(opening_hours="Mo-Sa 09:00-12:00; PH off")
    found = slots.slots(grocery)
    assert found
    for slot in found:
        local = slot.start.astimezone(slots.intervals.PARIS)
        assert local.weekday() != 6
        assert dt.time(9) <= local.time() and slot.end.astimezone(slots.intervals.PARIS).time() <= dt.time(12)
        assert slot.end - slot.start == dt.timedelta(minutes=30)
        assert slot.capacity == 3


def test_a_household_books_by_code_and_the_slot_shows_one_place_less():
    grocery = make_grocery()
    orientation, code = orient(grocery)
    household = services.find_household(code, who="test")
    slot = first_bookable(grocery)
    booking = slots.book(household=household, start=slot.start)
    again = next(s for s in slots.slots(grocery) if s.start == slot.start)
    assert again.free == slot.free - 1
    assert booking.end == slot.end
    with pytest.raises(ValidationError, match="déjà un créneau"):
        slots.book(
            household=household,
            start=next(s for s in slots.slots(grocery) if s.bookable and s.start != slot.start).start,
        )
    slots.cancel(household=household, booking_id=booking.pk)
    assert next(s for s in slots.slots(grocery) if s.start == slot.start).free == slot.free


def test_a_full_slot_is_refused():
    grocery = make_grocery(slot_capacity=1)
    slot = first_bookable(grocery)
    slots.book(household=orient(grocery)[0].household, start=slot.start)
    with pytest.raises(ValidationError, match="vient d'être complet"):
        slots.book(household=orient(grocery)[0].household, start=slot.start)


def test_a_made_up_or_too_close_slot_is_refused():
    grocery = make_grocery()
    household = orient(grocery)[0].household
    slot = first_bookable(grocery)
    with pytest.raises(ValidationError, match="n'existe pas"):
        slots.book(household=household, start=slot.start + dt.timedelta(minutes=7))
    with pytest.raises(ValidationError, match="passé ou trop proche"):
        slots.book(household=household, start=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(ValidationError, match="n'existe pas"):
        slots.parse_start("lundi")


def test_no_slot_after_the_right_ends():
    grocery = make_grocery(weeks_ahead=4)
    orientation, _code = orient(grocery, days=0)
    later = [
        s
        for s in slots.slots(grocery)
        if s.bookable and s.start.astimezone(slots.intervals.PARIS).date() > orientation.ends_on
    ]
    with pytest.raises(ValidationError, match="ne couvre pas ce jour"):
        slots.book(household=orientation.household, start=later[0].start)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twelve_households_racing_for_a_slot_of_three_places_get_three():
    grocery = make_grocery(slot_capacity=3)
    households = [orient(grocery)[0].household for _ in range(12)]
    start = first_bookable(grocery).start

    outcomes = concurrency.described(
        concurrency.race([lambda h=h: slots.book(household=h, start=start) for h in households]),
        refusal=services.GroceryError,
        ok="ok",
    )

    assert outcomes.count("ok") == 3, outcomes
    assert all("vient d'être complet" in o for o in outcomes if o != "ok"), outcomes
    assert SlotBooking.objects.filter(start=start, status="booked").count() == 3
