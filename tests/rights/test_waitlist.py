"""« Prévenez-moi si un créneau se libère »: a full permanence's waiting list, first come first served.

The permanence opens Tuesdays 14:00-15:00 (two slots) for two weeks; every free slot is booked first,
whatever the test's instant (tests/conftest.py TEST_NOW), so it is full by its data, not by a date.
"""

import datetime as dt

import pytest
from django.urls import reverse

from solidarite.notifications.models import Notification
from solidarite.rights import appointments, availability, waitlist
from solidarite.rights.availability import AppointmentError
from solidarite.rights.models import Appointment, WaitlistEntry
from tests import concurrency
from tests.factories import UserFactory
from tests.rights.factories import every_bookable_start, make_permanence

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]
REASON = "numerique"


def full_permanence(**fields):
    permanence = make_permanence(
        opening_hours="Tu 14:00-15:00", walk_in_hours="", weeks_ahead=2, agents=[UserFactory()], **fields
    )
    booked = [
        appointments.book(permanence=permanence, by=UserFactory(), start=start, reason=REASON)
        for start in every_bookable_start(permanence)
    ]
    assert booked and not every_bookable_start(permanence)
    return permanence, booked


@pytest.fixture
def full():
    return full_permanence()


def test_a_full_permanence_offers_the_waiting_list_and_the_page_says_ones_place(full, client_for):
    permanence, _booked = full
    first, second = UserFactory(), UserFactory()
    page = client_for(first).get(permanence.get_absolute_url()).content.decode()
    assert "Prévenez-moi si un créneau se libère" in page

    response = client_for(first).post(reverse("rights:waitlist_join", args=[permanence.slug]))
    assert response.status_code == 302
    client_for(second).post(reverse("rights:waitlist_join", args=[permanence.slug]))

    assert "Vous êtes la première personne sur la liste" in client_for(first).get(response.url).content.decode()
    assert "Vous êtes en position 2" in client_for(second).get(permanence.get_absolute_url()).content.decode()


def test_signing_up_is_refused_while_a_slot_is_free():
    permanence = make_permanence(opening_hours="Tu 14:00-15:00", walk_in_hours="", weeks_ahead=2)
    with pytest.raises(AppointmentError, match="Il reste un créneau libre"):
        waitlist.join(permanence=permanence, by=UserFactory())
    assert not WaitlistEntry.objects.exists()


def test_a_freed_slot_is_held_for_the_first_person_waiting_and_they_are_told(full, client_for):
    permanence, booked = full
    first, second = UserFactory(), UserFactory()
    waitlist.join(permanence=permanence, by=first)
    waitlist.join(permanence=permanence, by=second)

    freed = booked[0]
    appointments.cancel(appointment=freed, by=freed.resident)

    notice = Notification.objects.get(user=first, kind="rights.waitlist_offer")
    assert notice.title == "Un créneau s'est libéré : Permanence logement du CCAS"
    assert "Il vous est réservé jusqu'au" in notice.body
    assert notice.url.startswith(reverse("rights:book", args=[permanence.slug]) + "?debut=")
    assert not Notification.objects.filter(user=second, kind="rights.waitlist_offer").exists()
    # Held: the slot still looks taken to others, and only the first person may book it.
    assert not every_bookable_start(permanence)
    with pytest.raises(AppointmentError, match="liste d'attente"):
        appointments.book(permanence=permanence, by=UserFactory(), start=freed.start, reason=REASON)
    page = client_for(first).get(permanence.get_absolute_url()).content.decode()
    assert "Un créneau s'est libéré pour vous" in page and "Réserver ce créneau" in page
    response = client_for(first).post(
        reverse("rights:book", args=[permanence.slug]), {"debut": freed.start.isoformat(), "motif": REASON}
    )
    assert response.status_code == 302
    assert WaitlistEntry.objects.get(person=first).status == "booked"
    assert WaitlistEntry.objects.get(person=second).status == "waiting"


def test_the_offer_skips_who_no_longer_needs_it_and_who_waits_for_another_day(full):
    permanence, booked = full
    freed = booked[0]
    withdrawn, has_one, wants_other_day, still_waiting = (UserFactory() for _ in range(4))
    for person in (withdrawn, has_one, wants_other_day, still_waiting):
        waitlist.join(permanence=permanence, by=person)
    waitlist.withdraw(entry=WaitlistEntry.objects.get(person=withdrawn), by=withdrawn)
    Appointment.objects.filter(pk=booked[-1].pk).update(resident=has_one)  # they got a slot meanwhile
    WaitlistEntry.objects.filter(person=wants_other_day).update(day=freed.local_start.date() + dt.timedelta(days=1))

    appointments.cancel(appointment=freed, by=freed.resident)

    offered = Notification.objects.filter(kind="rights.waitlist_offer").values_list("user", flat=True)
    assert list(offered) == [still_waiting.pk]


def test_an_unanswered_offer_lapses_and_goes_to_the_next_person(full, clock):
    permanence, booked = full
    first, second = UserFactory(), UserFactory()
    waitlist.join(permanence=permanence, by=first)
    waitlist.join(permanence=permanence, by=second)
    freed = booked[0]
    appointments.cancel(appointment=freed, by=freed.resident)
    until = WaitlistEntry.objects.get(person=first).offer_until
    assert until <= freed.start - _notice(permanence)  # the hold never outlives the booking deadline

    clock.move_to(until)
    counts = waitlist.release_lapsed()

    assert (counts["lapsed"], counts["offered"]) == (1, int(until < freed.start - _notice(permanence)))
    assert WaitlistEntry.objects.get(person=first).status == "expired"
    assert Notification.objects.filter(user=first, kind="rights.waitlist_lapsed").exists()
    if counts["offered"]:
        assert Notification.objects.filter(user=second, kind="rights.waitlist_offer").exists()
    # Held for the next person, or (too late to hold it) free to anyone.
    held = availability.held_spans(permanence, freed.start, freed.end, until)
    assert held == ([(freed.start, freed.end)] if counts["offered"] else [])


def _notice(permanence):
    return dt.timedelta(hours=permanence.min_notice_hours)


def test_leaving_the_list_without_javascript(full, client_for):
    permanence, _booked = full
    person = UserFactory()
    entry = waitlist.join(permanence=permanence, by=person)
    response = client_for(person).post(reverse("rights:waitlist_withdraw", args=[entry.pk]))
    assert response.status_code == 302
    assert WaitlistEntry.objects.get(pk=entry.pk).status == "withdrawn"
    assert client_for(UserFactory()).post(reverse("rights:waitlist_withdraw", args=[entry.pk])).status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_cancellations_at_once_tell_two_different_people():
    permanence, booked = full_permanence()
    if len(booked) < 2:
        pytest.skip("only one bookable slot at this instant")
    waiting = [UserFactory() for _ in range(3)]
    for person in waiting:
        waitlist.join(permanence=permanence, by=person)

    def cancel(appointment):
        return lambda: appointments.cancel(appointment=appointment, by=appointment.resident)

    outcomes = concurrency.race([cancel(booked[0]), cancel(booked[1])])

    assert all(isinstance(outcome, Appointment) for outcome in outcomes), outcomes
    offered = sorted(Notification.objects.filter(kind="rights.waitlist_offer").values_list("user", flat=True))
    assert offered == sorted(p.pk for p in waiting[:2])
    assert WaitlistEntry.objects.get(person=waiting[2]).status == "waiting"


def test_a_slot_kept_for_someone_who_books_another_one_goes_to_the_next_person(full):
    permanence, booked = full
    if len(booked) < 2:
        pytest.skip("only one bookable slot at this instant")
    first, second = UserFactory(), UserFactory()
    waitlist.join(permanence=permanence, by=first)
    kept, other = booked[0], booked[1]
    appointments.cancel(appointment=kept, by=kept.resident)  # kept for the first person
    appointments.cancel(appointment=other, by=other.resident)  # nobody else waits: free to anyone
    WaitlistEntry.objects.create(permanence=permanence, person=second)  # came meanwhile

    appointments.book(permanence=permanence, by=first, start=other.start, reason=REASON)

    assert WaitlistEntry.objects.get(person=first).status == "booked"
    entry = WaitlistEntry.objects.get(person=second)
    assert (entry.status, entry.offered_start) == ("offered", kept.start)
    assert Notification.objects.filter(user=second, kind="rights.waitlist_offer").exists()


def test_leaving_the_list_while_a_slot_is_kept_passes_it_on(full):
    permanence, booked = full
    first, second = UserFactory(), UserFactory()
    waitlist.join(permanence=permanence, by=first)
    waitlist.join(permanence=permanence, by=second)
    freed = booked[0]
    appointments.cancel(appointment=freed, by=freed.resident)

    waitlist.withdraw(entry=WaitlistEntry.objects.get(person=first), by=first)

    entry = WaitlistEntry.objects.get(person=second)
    assert (entry.status, entry.offered_start) == ("offered", freed.start)
    assert Notification.objects.filter(user=second, kind="rights.waitlist_offer").exists()


def test_a_day_with_nothing_to_free_cannot_be_waited_for(full):
    permanence, booked = full
    closed = booked[0].local_start.date() + dt.timedelta(days=1)  # a Wednesday: no permanence
    with pytest.raises(AppointmentError, match="Aucun rendez-vous ne peut se libérer"):
        waitlist.join(permanence=permanence, by=UserFactory(), day=closed)
    assert not WaitlistEntry.objects.exists()


def test_someone_who_holds_an_appointment_there_is_not_offered_the_list(full, client_for):
    permanence, booked = full
    holder = booked[-1].resident
    page = client_for(holder).get(permanence.get_absolute_url()).content.decode()
    # Joining would be refused ("Vous avez déjà un rendez-vous à cette permanence."): no button leads there.
    assert "Prévenez-moi si un créneau se libère" not in page
    assert "Complet : prévenez-moi" not in page
    assert (
        "Prévenez-moi si un créneau se libère"
        in client_for(UserFactory()).get(permanence.get_absolute_url()).content.decode()
    )
