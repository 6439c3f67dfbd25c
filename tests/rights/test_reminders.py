"""The reminder the day before: once per appointment, never twice, never for a cancelled one.

Days are derived from the permanence's hours after the test's instant (tests/conftest.py TEST_NOW)."""

import datetime as dt

import pytest
from django.core.management import call_command

from solidarite.intervals import PARIS
from solidarite.notifications.models import Notification
from solidarite.rights import appointments, notices, reminders
from tests import concurrency
from tests.factories import UserFactory
from tests.rights.factories import booking_day, free_starts, make_permanence

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]
REASON = "numerique"


def eve(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day - dt.timedelta(days=1), dt.time(10), tzinfo=PARIS)


def book_two_and_cancel_one():
    permanence = make_permanence(agents=[UserFactory()])
    day = booking_day(permanence)
    first, second, later = UserFactory(), UserFactory(), UserFactory()

    def book(person):
        return appointments.book(permanence=permanence, by=person, start=free_starts(permanence, day)[0], reason=REASON)

    kept, gone = book(first), book(second)
    appointments.cancel(appointment=gone, by=second)
    after = next(start for start in free_starts(permanence) if start.date() > day)
    appointments.book(permanence=permanence, by=later, start=after, reason=REASON)
    return kept, first, (second, later)


def test_the_day_before_each_person_is_reminded_once(clock):
    kept, first, others = book_two_and_cancel_one()
    clock.move_to(eve(kept.local_start.date()))

    call_command("send_appointment_reminders")
    call_command("send_appointment_reminders")

    notice = Notification.objects.get(kind=notices.REMINDER)
    assert notice.user == first
    assert notice.title == "Rappel : rendez-vous demain, Permanence logement du CCAS"
    assert "de 14 h à 14 h 30, CCAS de Rezé" in notice.body and "annulez" in notice.body
    assert "Numérique" not in notice.body  # the theme stays off a locked phone's screen
    assert not Notification.objects.filter(kind=notices.REMINDER, user__in=others).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_remind_once(clock):
    kept, first, _others = book_two_and_cancel_one()
    clock.move_to(eve(kept.local_start.date()))

    outcomes = concurrency.race([reminders.send, reminders.send])

    assert sorted(outcomes) == [0, 1], outcomes
    assert Notification.objects.filter(kind=notices.REMINDER, user=first).count() == 1
