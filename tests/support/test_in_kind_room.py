import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from associations.rooms import services as rooms
from associations.rooms.models import Booking, Room
from associations.support import decisions
from associations.support.workflow import SupportError
from tests.support.factories import EnvelopeFactory, SupportRequestFactory

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def room(db):
    return Room.objects.create(
        name="Salle Jean-Jaurès",
        slug="salle-jean-jaures",
        address="Place Jean-Jaurès, 44400 Rezé",
        capacity=80,
        opening_hours="Mo-Su 08:00-22:00",
        open_on_public_holidays=True,
    )


@pytest.fixture
def slot():
    day = timezone.localdate() + dt.timedelta(days=10)
    return dt.datetime.combine(day, dt.time(14), PARIS), dt.datetime.combine(day, dt.time(17), PARIS)


@pytest.fixture
def room_request(association):
    return SupportRequestFactory(
        association=association,
        state="in_review",
        kind="room",
        amount_requested=None,
        in_kind_details="Une salle pour la distribution de colis",
    )


def grant_room(request, reviewer, room, slot, envelope=None):
    return decisions.grant(
        support_request=request,
        by=reviewer,
        envelope=envelope,
        in_kind_value="240",
        in_kind_description="Salle Jean-Jaurès, un après-midi",
        decision_reference="2026-SALLE-3",
        room=room,
        room_start=slot[0],
        room_end=slot[1],
    )


def test_granting_a_free_room_books_it_for_the_association(room_request, reviewer, room, slot, client_for, manager):
    envelope = EnvelopeFactory(kind="room", amount=Decimal("1000"))
    decision = grant_room(room_request, reviewer, room, slot, envelope)
    booking = decision.room_booking
    assert booking.room == room and booking.association == room_request.association
    assert booking.status == Booking.Status.CONFIRMED and (booking.start, booking.end) == slot
    assert booking.support_url == room_request.get_absolute_url() and "2026-SALLE-3" in booking.support_note
    envelope.refresh_from_db()
    assert envelope.granted == Decimal("240.00")
    html = client_for(manager).get(room_request.get_absolute_url()).content.decode()
    assert "Salle Jean-Jaurès" in html and room.get_absolute_url() in html


def test_a_taken_slot_refuses_the_grant_and_changes_nothing(room_request, reviewer, room, slot, association):
    other_manager_booking = rooms.book(room=room, by=reviewer, start=slot[0], end=slot[1], association=association)
    envelope = EnvelopeFactory(kind="room", amount=Decimal("1000"))
    with pytest.raises(SupportError, match="Salle non réservée : Désolé, créneau déjà pris"):
        grant_room(room_request, reviewer, room, slot, envelope)
    room_request.refresh_from_db()
    envelope.refresh_from_db()
    assert room_request.state == "in_review" and envelope.granted == 0
    assert list(Booking.objects.all()) == [other_manager_booking]


def test_a_room_grant_needs_the_room_and_the_slot(room_request, reviewer, room):
    with pytest.raises(SupportError, match="Choisissez la salle"):
        decisions.grant(
            support_request=room_request,
            by=reviewer,
            in_kind_value="0",
            in_kind_description="Salle",
            decision_reference="R",
            room=room,
        )
    assert not Booking.objects.exists()


def test_staff_grant_a_room_from_the_request_page(client_for, reviewer, room_request, room, slot):
    from django.urls import reverse

    client = client_for(reviewer)
    assert "Salle prêtée gratuitement" in client.get(room_request.get_absolute_url()).content.decode()
    response = client.post(
        reverse("support:grant", args=[room_request.pk]),
        {
            "room": room.pk,
            "room_start": slot[0].strftime("%Y-%m-%dT%H:%M"),
            "room_end": slot[1].strftime("%Y-%m-%dT%H:%M"),
            "in_kind_value": "240",
            "in_kind_description": "Salle un après-midi",
            "payment_terms": "unique",
            "decision_reference": "2026-SALLE-9",
            "decision_date": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    booking = Booking.objects.get()
    assert booking.support_grant.request == room_request and (booking.start, booking.end) == slot


def test_a_room_granted_in_kind_tells_each_manager_once(
    room_request, reviewer, room, slot, manager, django_capture_on_commit_callbacks
):
    """One decision, one notification per person: the grant books the room, and the manager hears of
    both in the grant's notification (not a second one from the rooms app)."""
    from solidarite.notifications.models import Notification

    envelope = EnvelopeFactory(kind="room", amount=Decimal("1000"))
    with django_capture_on_commit_callbacks(execute=True):
        grant_room(room_request, reviewer, room, slot, envelope)
    told = Notification.objects.filter(user=manager)
    assert told.count() == 1
    notice = told.get()
    assert notice.url == room_request.get_absolute_url()
    assert "Salle Jean-Jaurès" in notice.body  # what the room booking would have said: which room, when
