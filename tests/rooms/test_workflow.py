"""Request, approve or refuse (staff only), cancel (the association's managers only), notifications."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from associations.rooms import decisions, services
from associations.rooms.models import Booking
from associations.rooms.services import BookingError
from solidarite.notifications.models import Notification
from tests.factories import UserFactory
from tests.rooms.factories import AssociationFactory, RoomFactory, manager_of, paris

NOW = paris(2027, 1, 4, 9)
START, END = paris(2027, 1, 13, 14), paris(2027, 1, 13, 16)


@pytest.fixture
def approval_room(db):
    return RoomFactory(needs_approval=True)


def request_booking(room, association, manager, **extra):
    return services.book(room=room, association=association, by=manager, start=START, end=END, now=NOW, **extra)


def test_a_room_needing_approval_waits_for_staff_who_are_notified_live(
    approval_room, association, manager, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        booking = request_booking(approval_room, association, manager)
    assert booking.status == Booking.Status.REQUESTED
    note = Notification.objects.get(user=staff)
    assert note.kind == "rooms.requested" and approval_room.name in note.title
    assert callbacks, "the push waits for the commit"


def test_staff_approve_and_the_association_managers_are_told(approval_room, association, manager, staff):
    other_manager = manager_of(association)
    booking = request_booking(approval_room, association, manager)
    decisions.approve(booking=booking, by=staff, message="Clés à l'accueil.")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    log = booking.transitions.last()
    assert (log.name, log.from_state, log.to_state, log.by, log.reason) == (
        "approve",
        "requested",
        "confirmed",
        staff,
        "Clés à l'accueil.",
    )
    for person in (manager, other_manager):
        note = Notification.objects.get(user=person, kind="rooms.approved")
        assert "Clés à l'accueil." in note.body


def test_only_staff_approve(approval_room, association, manager):
    booking = request_booking(approval_room, association, manager)
    with pytest.raises(PermissionDenied):
        decisions.approve(booking=booking, by=manager)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REQUESTED


def test_a_refusal_needs_a_message_and_frees_the_slot_at_once(approval_room, association, manager, staff):
    booking = request_booking(approval_room, association, manager)
    with pytest.raises(BookingError, match="pourquoi"):
        decisions.refuse(booking=booking, by=staff, message="  ")
    decisions.refuse(booking=booking, by=staff, message="Salle en travaux ce jour-là.")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REFUSED
    assert "Salle en travaux" in Notification.objects.get(user=manager, kind="rooms.refused").body
    again = request_booking(approval_room, association, manager)
    assert again.status == Booking.Status.REQUESTED


def test_a_decision_on_a_series_covers_all_its_waiting_dates(approval_room, association, manager, staff):
    series = services.book_series(
        room=approval_room,
        association=association,
        by=manager,
        start=START,
        end=END,
        frequency="weekly",
        until=dt.date(2027, 2, 3),
        now=NOW,
    )
    decisions.approve(booking=series.occurrences.last(), by=staff)
    assert set(series.occurrences.values_list("status", flat=True)) == {"confirmed"}
    assert Notification.objects.filter(user=manager, kind="rooms.approved").count() == 1


def test_a_decided_booking_cannot_be_decided_again(approval_room, association, manager, staff):
    booking = request_booking(approval_room, association, manager)
    decisions.approve(booking=booking, by=staff)
    with pytest.raises(BookingError, match="n'attend plus de décision"):
        decisions.refuse(booking=booking, by=staff, message="Trop tard")


def test_only_the_association_managers_cancel(room, association, manager, user, staff):
    booking = request_booking(room, association, manager)
    for outsider in (user, staff, manager_of(AssociationFactory())):
        with pytest.raises(PermissionDenied):
            decisions.cancel(booking=booking, by=outsider, now=NOW)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_a_cancelled_slot_is_free_again_and_staff_are_told(room, association, manager, staff):
    booking = request_booking(room, association, manager)
    decisions.cancel(booking=booking, by=manager, reason="Atelier reporté", now=NOW)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert booking.transitions.last().reason == "Atelier reporté"
    assert Notification.objects.filter(user=staff, kind="rooms.cancelled").exists()
    assert request_booking(room, association, manager).is_active


def test_cancelling_is_refused_past_the_room_limit(room, association, manager):
    booking = request_booking(room, association, manager)
    with pytest.raises(BookingError, match="Trop tard pour annuler"):
        decisions.cancel(booking=booking, by=manager, now=START - dt.timedelta(hours=23))
    booking.refresh_from_db()
    assert booking.is_active


def test_one_date_or_the_rest_of_a_series_can_be_cancelled(room, association, manager):
    series = services.book_series(
        room=room,
        association=association,
        by=manager,
        start=START,
        end=END,
        frequency="weekly",
        until=dt.date(2027, 2, 10),
        now=NOW,
    )
    dates = list(series.occurrences.order_by("start"))
    assert len(dates) == 5
    decisions.cancel(booking=dates[1], by=manager, now=NOW)
    decisions.cancel(booking=dates[3], by=manager, rest_of_series=True, now=NOW)
    statuses = list(series.occurrences.order_by("start").values_list("status", flat=True))
    assert statuses == ["confirmed", "cancelled", "confirmed", "cancelled", "cancelled"]
    series.refresh_from_db()
    assert series.excluded_dates == ["2027-01-20", "2027-02-03", "2027-02-10"]


def test_staff_may_book_for_an_association_with_an_in_kind_support_note(approval_room, association, staff):
    """What the support app does: confirmed at once (no approval of its own decision), says why."""
    manager = manager_of(association)
    booking = services.book(
        room=approval_room,
        association=association,
        by=staff,
        start=START,
        end=END,
        now=NOW,
        support_note="Mise à disposition gratuite — soutien n° 12",
        support_url="/soutiens/12/",
    )
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.transitions.get().reason == "Mise à disposition gratuite — soutien n° 12"
    assert Notification.objects.filter(user=manager, kind="rooms.confirmed").exists()


def test_a_suspended_manager_cannot_book(room, association):
    suspended = manager_of(association, UserFactory(suspended=True))
    with pytest.raises(PermissionDenied):
        request_booking(room, association, suspended)
