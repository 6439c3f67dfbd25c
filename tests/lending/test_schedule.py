"""The scheduled commands: the reminder the day before the return day (once), late flags, lapsed
bookings, and retention (what goes, what stays for the figures)."""

import datetime as dt

import pytest
from django.core.management import call_command

from solidarite.lending import retention, schedule, services
from solidarite.lending.models import Handover, Loan, WaitEntry
from solidarite.notifications.models import Notification
from tests.factories import UserFactory
from tests.lending.factories import days_ahead, make_item, manager

pytestmark = pytest.mark.django_db


def _out(item, borrower, first=0, last=2):
    loan = services.book_days(item=item, borrower=borrower, first_day=days_ahead(first), last_day=days_ahead(last))
    services.hand_over(loan=loan, by=manager(item.lender), condition="good", weight_kg="1.2", note="Rayure")
    return loan


def test_the_reminder_goes_the_day_before_the_return_day_and_only_once(clock):
    item = make_item()
    neighbour = UserFactory()
    _out(item, neighbour, last=2)
    assert schedule.send_reminders() == 0  # the return day is the day after tomorrow
    clock.shift(dt.timedelta(days=1))
    assert schedule.send_reminders() == 1
    assert schedule.send_reminders() == 0
    reminder = Notification.objects.get(user=neighbour, kind="lending.reminder")
    assert item.name in reminder.title


def test_a_loan_not_back_after_its_period_is_flagged_late_once_and_both_sides_are_told(clock):
    item = make_item()
    neighbour = UserFactory()
    loan = _out(item, neighbour, last=1)
    clock.shift(dt.timedelta(days=2, hours=1))
    call_command("flag_late_loans")
    assert Loan.objects.get(pk=loan.pk).status == "late"
    assert schedule.flag_late() == {"late": 0, "lapsed": 0, "warned": 0}
    assert Notification.objects.filter(kind="lending.late", user=neighbour).count() == 1
    assert Notification.objects.filter(kind="lending.late", user=manager(item.lender)).count() == 1
    # Still taken back afterwards.
    services.take_back(loan=loan, by=manager(item.lender), condition="good", weight_kg="1.2")
    assert Loan.objects.get(pk=loan.pk).status == "returned"


def test_a_booking_never_picked_up_lapses_at_the_end_of_its_period(clock):
    item = make_item()
    loan = services.book_days(item=item, borrower=UserFactory(), first_day=days_ahead(0), last_day=days_ahead(1))
    clock.shift(dt.timedelta(days=2, hours=1))
    assert schedule.flag_late() == {"late": 0, "lapsed": 1, "warned": 0}
    assert Loan.objects.get(pk=loan.pk).status == "missed"


def test_retention_removes_the_borrower_a_year_after_the_loan_and_keeps_the_figures(clock):
    item = make_item()
    neighbour, waiting = UserFactory(), UserFactory()
    loan = _out(item, neighbour)
    services.take_back(loan=loan, by=manager(item.lender), condition="good", weight_kg="1.2")
    services.join_waitlist(item=item, person=waiting)
    clock.shift(dt.timedelta(days=300))
    assert retention.purge() == {"loans_anonymised": 0, "waits_deleted": 1}  # six months on a list at most
    clock.shift(dt.timedelta(days=70))
    call_command("purge_lending")
    loan.refresh_from_db()
    assert loan.borrower is None
    assert loan.weight_kg is not None and loan.quartier is not None
    assert not Handover.objects.exclude(note="").exists()
    assert not WaitEntry.objects.exists()
