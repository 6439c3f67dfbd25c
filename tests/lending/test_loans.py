"""The loan life cycle through its services: book, hand over (condition and weight), return, waiting list,
cancel; refusals change nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from solidarite.lending import services
from solidarite.lending.models import Handover, Item, Loan, Transition, WaitEntry
from solidarite.notifications.models import Notification
from tests.factories import UserFactory
from tests.lending.factories import days_ahead, make_item, make_lender, manager

pytestmark = pytest.mark.django_db


def test_a_neighbour_books_free_days_and_the_managers_are_told():
    item = make_item()
    neighbour = UserFactory()
    loan = services.book_days(item=item, borrower=neighbour, first_day=days_ahead(2), last_day=days_ahead(5))
    assert loan.status == "booked"
    assert (loan.first_day, loan.last_day) == (days_ahead(2), days_ahead(5))
    assert loan.quartier == neighbour.quartier
    told = Notification.objects.get(user=manager(item.lender))
    assert told.kind == "lending.booked"
    assert Transition.objects.filter(loan=loan, to_state="booked", by=neighbour).exists()


def test_overlapping_days_are_refused_and_the_next_days_are_free():
    item = make_item()
    services.book_days(item=item, borrower=UserFactory(), first_day=days_ahead(2), last_day=days_ahead(5))
    with pytest.raises(services.Taken, match="déjà réservé"):
        services.book_days(item=item, borrower=UserFactory(), first_day=days_ahead(5), last_day=days_ahead(6))
    # The day after the return day is free.
    services.book_days(item=item, borrower=UserFactory(), first_day=days_ahead(6), last_day=days_ahead(7))
    assert Loan.objects.filter(item=item).count() == 2


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [(-1, 2, "déjà passé"), (3, 2, "après le jour du retrait"), (1, 30, "14 jours au plus"), (200, 201, "120 jours")],
)
def test_bad_periods_are_refused_in_plain_french(first, last, message):
    item = make_item()
    with pytest.raises(services.LoanError, match=message):
        services.book_days(item=item, borrower=UserFactory(), first_day=days_ahead(first), last_day=days_ahead(last))
    assert not Loan.objects.exists()


def test_an_inactive_item_or_account_cannot_borrow():
    item = make_item(is_active=False)
    with pytest.raises(services.LoanError, match="pas empruntable"):
        services.book_days(item=item, borrower=UserFactory(), first_day=days_ahead(1), last_day=days_ahead(2))
    with pytest.raises(PermissionDenied):
        services.book_days(
            item=make_item(), borrower=UserFactory(is_active=False), first_day=days_ahead(1), last_day=days_ahead(2)
        )


def test_someone_else_cannot_book_in_a_neighbours_name():
    with pytest.raises(PermissionDenied, match="en votre nom"):
        services.book_days(
            item=make_item(), borrower=UserFactory(), by=UserFactory(), first_day=days_ahead(1), last_day=days_ahead(2)
        )


def test_handover_and_return_record_condition_weight_and_tell_the_waiting_list(clock):
    item = make_item()
    owner = manager(item.lender)
    neighbour, waiting = UserFactory(), UserFactory()
    loan = services.book_days(item=item, borrower=neighbour, first_day=days_ahead(0), last_day=days_ahead(3))
    services.join_waitlist(item=item, person=waiting)

    with pytest.raises(PermissionDenied):
        services.hand_over(loan=loan, by=neighbour, condition="good", weight_kg="0.4")
    with pytest.raises(services.LoanError, match="poids"):
        services.hand_over(loan=loan, by=owner, condition="good", weight_kg="0")
    services.hand_over(loan=loan, by=owner, condition="good", weight_kg="0.45", deposit=True)
    loan.refresh_from_db()
    assert loan.status == "out" and loan.weight_kg == Decimal("0.45")

    services.take_back(loan=loan, by=owner, condition="worn", weight_kg="0.45", note="Câble un peu tordu")
    loan.refresh_from_db()
    assert loan.status == "returned"
    assert Item.objects.get(pk=item.pk).condition == "worn"
    assert list(Handover.objects.filter(loan=loan).values_list("direction", "condition")) == [
        ("out", "good"),
        ("back", "worn"),
    ]
    back = Notification.objects.get(user=waiting)
    assert back.kind == "lending.back" and item.name in back.title
    assert WaitEntry.objects.get(person=waiting).notified_at is not None


def test_a_handover_is_not_recorded_before_the_first_day_nor_twice():
    item = make_item()
    owner = manager(item.lender)
    loan = services.book_days(item=item, borrower=UserFactory(), first_day=days_ahead(3), last_day=days_ahead(4))
    with pytest.raises(services.LoanError, match="remettez l'objet ce jour-là"):
        services.hand_over(loan=loan, by=owner, condition="good", weight_kg="1")
    assert not Handover.objects.exists()


def test_booking_takes_the_borrower_off_the_waiting_list():
    item = make_item()
    neighbour = UserFactory()
    services.join_waitlist(item=item, person=neighbour)
    services.book_days(item=item, borrower=neighbour, first_day=days_ahead(1), last_day=days_ahead(2))
    assert not WaitEntry.objects.exists()


def test_the_borrower_cancels_and_the_owner_is_told_and_a_stranger_cannot():
    item = make_item()
    neighbour = UserFactory()
    loan = services.book_days(item=item, borrower=neighbour, first_day=days_ahead(1), last_day=days_ahead(2))
    with pytest.raises(PermissionDenied):
        services.cancel(loan=loan, by=UserFactory())
    services.cancel(loan=loan, by=neighbour)
    assert Loan.objects.get(pk=loan.pk).status == "cancelled"
    assert Notification.objects.filter(user=manager(item.lender), kind="lending.cancelled").exists()
    # The days are free again.
    services.book_days(item=item, borrower=UserFactory(), first_day=days_ahead(1), last_day=days_ahead(2))


def test_town_items_are_handed_over_by_their_named_managers_and_city_staff():
    clerk = UserFactory()
    lender = make_lender(kind="town", manager=clerk)
    item = make_item(lender)
    staff = UserFactory(is_staff=True)
    first = services.book_days(item=item, borrower=UserFactory(), first_day=days_ahead(0), last_day=days_ahead(1))
    services.hand_over(loan=first, by=clerk, condition="good", weight_kg="2")
    services.take_back(loan=first, by=staff, condition="good", weight_kg="2")
    ressourcerie = make_item(make_lender(kind="ressourcerie", manager=UserFactory()))
    loan = services.book_days(
        item=ressourcerie, borrower=UserFactory(), first_day=days_ahead(0), last_day=days_ahead(1)
    )
    with pytest.raises(PermissionDenied):
        services.hand_over(loan=loan, by=staff, condition="good", weight_kg="2")


def test_a_loan_may_cover_the_autumn_clock_change():
    item = make_item(max_days=14)
    # Whatever the date, a period of exactly max_days days is accepted.
    services.book_days(item=item, borrower=UserFactory(), first_day=days_ahead(1), last_day=days_ahead(14))
    assert Loan.objects.get().end - Loan.objects.get().start <= dt.timedelta(days=14, hours=1)
