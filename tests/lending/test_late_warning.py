"""A loan not back in time warns the borrower whose booking of the same item starts next: live (pushed after
commit) and in their notifications, once, by the daily ``flag_late_loans``; nobody else's booking is named."""

import datetime as dt

import pytest
from django.core.management import call_command

from solidarite.lending import schedule, services
from solidarite.notifications.models import Notification
from tests.factories import UserFactory
from tests.lending.factories import days_ahead, make_item, manager

pytestmark = pytest.mark.django_db

KIND = "lending.late_before_yours"


def _out(item, borrower, first, last):
    loan = services.book_days(item=item, borrower=borrower, first_day=days_ahead(first), last_day=days_ahead(last))
    services.hand_over(loan=loan, by=manager(item.lender), condition="good", weight_kg="0.4")
    return loan


def _book(item, borrower, first, last):
    return services.book_days(item=item, borrower=borrower, first_day=days_ahead(first), last_day=days_ahead(last))


def test_the_next_borrower_is_warned_once_live_and_by_notification(clock, django_capture_on_commit_callbacks):
    item, other_item = make_item(), make_item()
    late_one, next_one, later_one, elsewhere = UserFactory(), UserFactory(), UserFactory(), UserFactory()
    _out(item, late_one, 0, 1)
    _book(item, later_one, 6, 7)  # booked first, but starts after next_one's
    _book(item, next_one, 3, 4)
    _book(other_item, elsewhere, 3, 4)
    clock.shift(dt.timedelta(days=2, hours=1))
    with django_capture_on_commit_callbacks(execute=True) as pushed:
        call_command("flag_late_loans")
    assert pushed, "the notices are pushed to the sockets after commit"
    warning = Notification.objects.get(kind=KIND)
    assert warning.user == next_one
    assert item.name in warning.title and "pas encore revenu" in warning.title
    assert warning.url == "/objetheque/mes-prets/"
    # The next run (the loan is still late) says nothing again.
    assert schedule.flag_late() == {"late": 0, "lapsed": 0, "warned": 0}
    assert Notification.objects.filter(kind=KIND).count() == 1


def test_nobody_is_warned_without_a_next_booking_or_when_it_is_the_same_person(clock):
    item = make_item()
    neighbour = UserFactory()
    _out(item, neighbour, 0, 1)
    _book(item, neighbour, 4, 5)  # their own next loan: the late notice says enough
    lone = make_item()
    _out(lone, UserFactory(), 0, 1)
    clock.shift(dt.timedelta(days=2, hours=1))
    assert schedule.flag_late() == {"late": 2, "lapsed": 0, "warned": 0}
    assert not Notification.objects.filter(kind=KIND).exists()


def test_a_cancelled_next_booking_is_not_warned_the_one_after_is(clock):
    item = make_item()
    _out(item, UserFactory(), 0, 1)
    cancelled_by, after = UserFactory(), UserFactory()
    cancelled = _book(item, cancelled_by, 3, 3)
    _book(item, after, 5, 6)
    services.cancel(loan=cancelled, by=cancelled_by)
    clock.shift(dt.timedelta(days=2, hours=1))
    assert schedule.flag_late()["warned"] == 1
    assert Notification.objects.get(kind=KIND).user == after
