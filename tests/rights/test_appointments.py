"""Booking a permanence: slots cut from its hours, walk-in slots, the rules, the life cycle, the notices.

The clock is frozen on Wednesday 18 November 2026, 10:00 (tests/conftest.py); the permanence is held on
Tuesdays and Thursdays 14:00-17:00, Thursdays 14:00-15:00 without appointment.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from solidarite.intervals import PARIS
from solidarite.notifications.models import Notification
from solidarite.rights import appointments
from solidarite.rights.appointments import AppointmentError, SlotTaken
from solidarite.rights.models import Appointment
from tests.factories import UserFactory
from tests.rights.factories import make_permanence

pytestmark = pytest.mark.django_db
REASON = "logement-hebergement"


def paris(*args):
    return dt.datetime(*args, tzinfo=PARIS)


@pytest.fixture
def agent():
    return UserFactory(display_name="Agnès Agent")


@pytest.fixture
def permanence(agent):
    return make_permanence(agents=[agent])


@pytest.fixture
def resident():
    return UserFactory(display_name="Rémi Résident")


def test_slots_are_cut_from_the_hours_with_walk_in_ones_apart(permanence):
    found = appointments.slots(permanence)
    days = appointments.by_day(found)
    # Four weeks from today: Tuesdays and Thursdays, 6 half-hour slots each.
    assert [day for day, _slots in days][:3] == [dt.date(2026, 11, 19), dt.date(2026, 11, 24), dt.date(2026, 11, 26)]
    assert all(len(slots) == 6 for _day, slots in days)
    thursday = dict(days)[dt.date(2026, 11, 19)]
    assert [s.state for s in thursday] == ["walk_in", "walk_in", "free", "free", "free", "free"]
    assert thursday[2].start == paris(2026, 11, 19, 15) and thursday[2].end == paris(2026, 11, 19, 15, 30)
    assert days[-1][0] <= dt.date(2026, 12, 15)


def test_a_resident_books_a_free_slot_and_the_agents_are_told_without_their_name(permanence, resident, agent):
    appointment = appointments.book(permanence=permanence, by=resident, start=paris(2026, 11, 24, 14), reason=REASON)

    assert (appointment.resident, appointment.status) == (resident, "booked")
    assert appointment.end == paris(2026, 11, 24, 14, 30)
    states = {s.start: s.state for s in appointments.slots(permanence)}
    assert states[paris(2026, 11, 24, 14)] == "taken"
    notice = Notification.objects.get(user=agent)
    assert notice.kind == "rights.appointment_booked"
    assert notice.title == "Nouveau rendez-vous : Permanence logement du CCAS"
    assert "Mardi 24 novembre 2026, de 14 h à 14 h 30" in notice.body and "Logement" in notice.body
    assert "Rémi" not in notice.title + notice.body


@pytest.mark.parametrize(
    ("start", "reason", "message"),
    [
        (paris(2026, 11, 19, 14), REASON, "sans rendez-vous"),
        (paris(2026, 11, 24, 14, 10), REASON, "n'existe pas"),
        (paris(2026, 11, 25, 14), REASON, "n'existe pas"),  # a Wednesday: closed
        (paris(2026, 11, 17, 14), REASON, "passé"),
        (paris(2027, 1, 5, 14), REASON, "jusqu'au"),
        (paris(2026, 11, 24, 14), "ma situation est compliquée", "thème"),
    ],
)
def test_what_cannot_be_booked_is_refused_in_french_and_saves_nothing(permanence, resident, start, reason, message):
    with pytest.raises(AppointmentError, match=message):
        appointments.book(permanence=permanence, by=resident, start=start, reason=reason)
    assert not Appointment.objects.exists()


def test_never_two_people_in_one_slot_nor_two_slots_for_one_person(permanence, resident):
    appointments.book(permanence=permanence, by=resident, start=paris(2026, 11, 24, 14), reason=REASON)
    with pytest.raises(SlotTaken, match="vient d'être pris"):
        appointments.book(permanence=permanence, by=UserFactory(), start=paris(2026, 11, 24, 14), reason=REASON)
    with pytest.raises(AppointmentError, match="déjà un rendez-vous"):
        appointments.book(permanence=permanence, by=resident, start=paris(2026, 11, 24, 15), reason=REASON)
    assert Appointment.objects.count() == 1


def test_cancelling_frees_the_slot_and_tells_the_agent(permanence, resident, agent):
    appointment = appointments.book(permanence=permanence, by=resident, start=paris(2026, 11, 24, 14), reason=REASON)
    appointments.cancel(appointment=appointment, by=resident)

    appointment.refresh_from_db()
    assert (appointment.status, appointment.status_by) == ("cancelled", resident)
    assert Notification.objects.filter(user=agent, kind="rights.appointment_cancelled").exists()
    other = appointments.book(permanence=permanence, by=UserFactory(), start=paris(2026, 11, 24, 14), reason=REASON)
    assert other.status == "booked"


def test_an_agent_cancelling_tells_the_resident(permanence, resident, agent):
    appointment = appointments.book(permanence=permanence, by=resident, start=paris(2026, 11, 24, 14), reason=REASON)
    appointments.cancel(appointment=appointment, by=agent)
    notice = Notification.objects.get(user=resident)
    assert notice.title == "Votre rendez-vous est annulé : Permanence logement du CCAS"


def test_only_the_person_and_the_agents_take_steps(permanence, resident, agent):
    appointment = appointments.book(permanence=permanence, by=resident, start=paris(2026, 11, 24, 14), reason=REASON)
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        appointments.cancel(appointment=appointment, by=stranger)
    with pytest.raises(PermissionDenied):
        appointments.mark(appointment=appointment, step="attend", by=resident)
    with pytest.raises(AppointmentError, match="pas encore commencé"):
        appointments.mark(appointment=appointment, step="attend", by=agent)
    assert Appointment.objects.get().status == "booked"


def test_the_agent_notes_attended_or_no_show_once_the_slot_began(permanence, resident, agent, time_machine):
    appointment = appointments.book(permanence=permanence, by=resident, start=paris(2026, 11, 24, 14), reason=REASON)
    time_machine.move_to(paris(2026, 11, 24, 14, 5))
    appointments.mark(appointment=appointment, step="no_show", by=agent)
    appointment.refresh_from_db()
    assert (appointment.status, appointment.status_by) == ("no_show", agent)
    with pytest.raises(AppointmentError, match="absent"):
        appointments.mark(appointment=appointment, step="attend", by=agent)


def test_moving_holds_the_new_slot_before_freeing_the_old_one(permanence, resident, agent):
    appointment = appointments.book(permanence=permanence, by=resident, start=paris(2026, 11, 24, 14), reason=REASON)
    appointments.book(permanence=permanence, by=UserFactory(), start=paris(2026, 11, 24, 15), reason=REASON)
    with pytest.raises(SlotTaken):
        appointments.move(appointment=appointment, by=resident, start=paris(2026, 11, 24, 15))
    assert Appointment.objects.get(pk=appointment.pk).status == "booked"

    moved = appointments.move(appointment=appointment, by=resident, start=paris(2026, 11, 26, 16))
    assert (moved.resident, moved.start, moved.reason) == (resident, paris(2026, 11, 26, 16), REASON)
    assert Appointment.objects.get(pk=appointment.pk).status == "cancelled"
    assert Notification.objects.filter(user=agent, kind="rights.appointment_moved").exists()


def test_an_inactive_account_cannot_book(permanence):
    with pytest.raises(PermissionDenied):
        appointments.book(
            permanence=permanence, by=UserFactory(unconfirmed=True), start=paris(2026, 11, 24, 14), reason=REASON
        )
