"""Booking a permanence: slots cut from its hours, walk-in slots, the rules, the life cycle, the notices.

The permanence is held on Tuesdays and Thursdays 14:00-17:00, Thursdays 14:00-15:00 without
appointment. Every day is derived from those hours after the test's instant (tests/conftest.py
TEST_NOW; scripts/test reruns these at Christmas, both DST changes, 29 February…), never written out.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.formats import date_format

from solidarite.intervals import PARIS
from solidarite.notifications.models import Notification
from solidarite.rights import appointments, availability
from solidarite.rights.availability import AppointmentError, SlotTaken
from solidarite.rights.models import Appointment
from tests.factories import UserFactory
from tests.rights.factories import booking_day, coming_days, free_starts, make_permanence

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]
REASON = "logement-hebergement"
TUESDAY, THURSDAY = 1, 3


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=PARIS)


@pytest.fixture
def agent():
    return UserFactory(display_name="Agnès Agent")


@pytest.fixture
def permanence(agent):
    return make_permanence(agents=[agent])


@pytest.fixture
def resident():
    return UserFactory(display_name="Rémi Résident")


@pytest.fixture
def day(permanence):
    """The first Tuesday after today that is not a public holiday: every slot is booked by appointment."""
    return booking_day(permanence)


def test_slots_are_cut_from_the_hours_with_walk_in_ones_apart(permanence):
    today = timezone.localdate()
    days = availability.by_day(availability.slots(permanence))

    assert days and all(found_day.weekday() in (TUESDAY, THURSDAY) for found_day, _slots in days)
    assert all(len(found) == 6 for _day, found in days)
    assert days[-1][0] <= today + dt.timedelta(weeks=4)
    thursday_day, thursday = next((d, found) for d, found in coming_days(permanence) if d.weekday() == THURSDAY)
    assert [s.state for s in thursday] == ["walk_in", "walk_in", "free", "free", "free", "free"]
    assert (thursday[2].start, thursday[2].end) == (at(thursday_day, 15), at(thursday_day, 15, 30))


def test_a_resident_books_a_free_slot_and_the_agents_are_told_without_their_name(permanence, resident, agent, day):
    appointment = appointments.book(permanence=permanence, by=resident, start=at(day, 14), reason=REASON)

    assert (appointment.resident, appointment.status) == (resident, "booked")
    assert appointment.end == at(day, 14, 30)
    states = {s.start: s.state for s in availability.slots(permanence)}
    assert states[at(day, 14)] == "taken"
    notice = Notification.objects.get(user=agent)
    assert notice.kind == "rights.appointment_booked"
    assert notice.title == "Nouveau rendez-vous : Permanence logement du CCAS"
    assert f"{date_format(day, 'l j F Y').capitalize()}, de 14 h à 14 h 30" in notice.body and "Logement" in notice.body
    assert "Rémi" not in notice.title + notice.body


def _walk_in(permanence, day):
    return next(s.start for _d, found in coming_days(permanence) for s in found if s.state == "walk_in")


# Each refused start, derived from the first bookable Tuesday (``day``) and the permanence's hours.
REFUSED = {
    "walk_in": (_walk_in, REASON, "sans rendez-vous"),
    "between_slots": (lambda p, day: at(day, 14, 10), REASON, "n'existe pas"),
    "closed_wednesday": (lambda p, day: at(day + dt.timedelta(days=1), 14), REASON, "n'existe pas"),
    "past": (lambda p, day: at(day - dt.timedelta(weeks=2), 14), REASON, "passé"),
    "beyond_horizon": (lambda p, day: at(day + dt.timedelta(weeks=p.weeks_ahead), 14), REASON, "jusqu'au"),
    "free_text_reason": (lambda p, day: at(day, 14), "ma situation est compliquée", "thème"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_what_cannot_be_booked_is_refused_in_french_and_saves_nothing(permanence, resident, day, case):
    start_of, reason, message = REFUSED[case]
    with pytest.raises(AppointmentError, match=message):
        appointments.book(permanence=permanence, by=resident, start=start_of(permanence, day), reason=reason)
    assert not Appointment.objects.exists()


def test_never_two_people_in_one_slot_nor_two_slots_for_one_person(permanence, resident, day):
    appointments.book(permanence=permanence, by=resident, start=at(day, 14), reason=REASON)
    with pytest.raises(SlotTaken, match="vient d'être pris"):
        appointments.book(permanence=permanence, by=UserFactory(), start=at(day, 14), reason=REASON)
    with pytest.raises(AppointmentError, match="déjà un rendez-vous"):
        appointments.book(permanence=permanence, by=resident, start=at(day, 15), reason=REASON)
    assert Appointment.objects.count() == 1


def test_cancelling_frees_the_slot_and_tells_the_agent(permanence, resident, agent, day):
    appointment = appointments.book(permanence=permanence, by=resident, start=at(day, 14), reason=REASON)
    appointments.cancel(appointment=appointment, by=resident)

    appointment.refresh_from_db()
    assert (appointment.status, appointment.status_by) == ("cancelled", resident)
    assert Notification.objects.filter(user=agent, kind="rights.appointment_cancelled").exists()
    other = appointments.book(permanence=permanence, by=UserFactory(), start=at(day, 14), reason=REASON)
    assert other.status == "booked"


def test_an_agent_cancelling_tells_the_resident(permanence, resident, agent, day):
    appointment = appointments.book(permanence=permanence, by=resident, start=at(day, 14), reason=REASON)
    appointments.cancel(appointment=appointment, by=agent)
    notice = Notification.objects.get(user=resident)
    assert notice.title == "Votre rendez-vous est annulé : Permanence logement du CCAS"


def test_only_the_person_and_the_agents_take_steps(permanence, resident, agent, day):
    appointment = appointments.book(permanence=permanence, by=resident, start=at(day, 14), reason=REASON)
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        appointments.cancel(appointment=appointment, by=stranger)
    with pytest.raises(PermissionDenied):
        appointments.mark(appointment=appointment, step="attend", by=resident)
    with pytest.raises(AppointmentError, match="pas encore commencé"):
        appointments.mark(appointment=appointment, step="attend", by=agent)
    assert Appointment.objects.get().status == "booked"


def test_the_agent_notes_attended_or_no_show_once_the_slot_began(permanence, resident, agent, clock, day):
    appointment = appointments.book(permanence=permanence, by=resident, start=at(day, 14), reason=REASON)
    clock.move_to(at(day, 14, 5))
    appointments.mark(appointment=appointment, step="no_show", by=agent)
    appointment.refresh_from_db()
    assert (appointment.status, appointment.status_by) == ("no_show", agent)
    with pytest.raises(AppointmentError, match="absent"):
        appointments.mark(appointment=appointment, step="attend", by=agent)


def test_moving_holds_the_new_slot_before_freeing_the_old_one(permanence, resident, agent, day):
    appointment = appointments.book(permanence=permanence, by=resident, start=at(day, 14), reason=REASON)
    appointments.book(permanence=permanence, by=UserFactory(), start=at(day, 15), reason=REASON)
    with pytest.raises(SlotTaken):
        appointments.move(appointment=appointment, by=resident, start=at(day, 15))
    assert Appointment.objects.get(pk=appointment.pk).status == "booked"

    later = next(start for start in free_starts(permanence) if start.date() > day)  # another day, another slot
    moved = appointments.move(appointment=appointment, by=resident, start=later)
    assert (moved.resident, moved.start, moved.reason) == (resident, later, REASON)
    assert Appointment.objects.get(pk=appointment.pk).status == "cancelled"
    assert Notification.objects.filter(user=agent, kind="rights.appointment_moved").exists()


def test_an_inactive_account_cannot_book(permanence, day):
    with pytest.raises(PermissionDenied):
        appointments.book(permanence=permanence, by=UserFactory(unconfirmed=True), start=at(day, 14), reason=REASON)
