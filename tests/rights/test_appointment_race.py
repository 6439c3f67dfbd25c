"""Never two people in one slot: 30 simultaneous bookings on real, separate connections (SQLite and PostgreSQL).

The slot is derived from the permanence's hours after the test's instant (tests/conftest.py TEST_NOW)."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from solidarite.intervals import PARIS
from solidarite.rights import appointments, availability
from solidarite.rights.availability import SlotTaken
from solidarite.rights.models import Appointment
from tests import concurrency
from tests.factories import UserFactory
from tests.rights.factories import free_starts, make_permanence

ATTEMPTS = 30
pytestmark = pytest.mark.date_sensitive
SLOT = dt.datetime(2026, 11, 24, 14, tzinfo=PARIS)  # only for the database's own check (no booking rule)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_thirty_simultaneous_bookings_of_one_slot_make_exactly_one_appointment():
    permanence = make_permanence(agents=[UserFactory()])
    people = [UserFactory() for _ in range(ATTEMPTS)]
    slot = free_starts(permanence)[0]

    def attempt(person):
        return lambda: appointments.book(permanence=permanence, by=person, start=slot, reason="numerique")

    outcomes = concurrency.described(concurrency.race([attempt(p) for p in people]), refusal=SlotTaken, ok="ok")

    assert len(outcomes) == ATTEMPTS, outcomes
    assert outcomes.count("ok") == 1, outcomes
    assert all("vient d'être pris" in outcome for outcome in outcomes if outcome != "ok"), outcomes
    assert Appointment.objects.filter(permanence=permanence).count() == 1


@pytest.mark.django_db
def test_the_database_itself_refuses_two_booked_appointments_in_one_slot_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("The exclusion constraint exists on PostgreSQL; SQLite relies on the serialized check.")
    permanence = make_permanence()
    fields = {"permanence": permanence, "reason": "numerique", "end": SLOT + dt.timedelta(minutes=30)}
    Appointment.objects.create(**fields, start=SLOT, resident=UserFactory())
    with pytest.raises(IntegrityError, match="rights_appointment_no_overlap"), transaction.atomic():
        Appointment.objects.create(**fields, start=SLOT + dt.timedelta(minutes=10), resident=UserFactory())
    Appointment.objects.create(**fields, start=SLOT, status="cancelled", resident=UserFactory())
    assert Appointment.objects.count() == 2


@pytest.mark.django_db
def test_a_clash_only_the_database_sees_reaches_the_person_as_slot_taken(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("Only PostgreSQL has the exclusion constraint.")
    from solidarite.rights.permanence_models import AppointmentQuerySet

    permanence = make_permanence()
    slot = free_starts(permanence)[0]
    appointments.book(permanence=permanence, by=UserFactory(), start=slot, reason="numerique")
    monkeypatch.setattr(AppointmentQuerySet, "overlapping", lambda self, *args: self.none())
    with pytest.raises(SlotTaken, match="vient d'être pris"):
        appointments.book(permanence=permanence, by=UserFactory(), start=slot, reason="numerique")
    assert Appointment.objects.count() == 1


@pytest.mark.date_sensitive
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_revocation_and_a_booking_under_the_mandate_at_once_leave_nothing_booked_for_it():
    """The act locks the mandate: the revocation waits for it and then cancels what it booked, or wins
    and the booking is refused. Never a booked appointment under an ended mandate (issue 15)."""
    from django.core.exceptions import ValidationError

    from solidarite.rights import mandates
    from tests.rights.factories import make_mandate

    permanence = make_permanence(agents=[UserFactory()], opening_hours="Mo-Fr 09:00-17:00", walk_in_hours="")
    mediator = UserFactory(mediator=True)
    free = [slot.start for slot in availability.slots(permanence) if slot.bookable]
    for round_number in range(5):
        mandate = make_mandate(mediator, resident_name=f"Résidente {round_number}")
        outcomes = concurrency.race(
            [
                lambda m=mandate, start=free[round_number]: appointments.book(
                    permanence=permanence, by=mediator, start=start, reason="numerique", on_behalf_of=m
                ),
                lambda m=mandate: mandates.revoke(mandate=m, by=mediator),
            ]
        )
        unexpected = [o for o in outcomes if isinstance(o, Exception) and not isinstance(o, ValidationError)]
        assert not unexpected, unexpected
        assert not Appointment.objects.booked().filter(mandate=mandate).exists()
        booked = Appointment.objects.filter(mandate=mandate).count()
        assert mandate.acts.count() == booked  # an act for each appointment made, none for a refused one
