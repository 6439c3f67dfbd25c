"""What room bookings hold about a person.

A neighbour's own bookings were only theirs: deleted. Association bookings belong to the
association and to the city's records: kept, with who booked or decided removed.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from associations.rooms.models import Booking, BookingSeries, Transition
from solidarite.accounts.personal_data import PersonalDataHandler
from solidarite.notifications.services import notify_many


def export(user):
    return {
        "reservations_personnelles": [
            {"salle": b.room.name, "debut": b.start, "fin": b.end, "objet": b.title, "etat": b.get_status_display()}
            for b in Booking.objects.filter(neighbour=user).select_related("room")
        ],
        "reservations_faites": [
            {"salle": b.room.name, "association": str(b.association or ""), "debut": b.start, "etat": b.status}
            for b in Booking.objects.filter(booked_by=user).select_related("room", "association")
        ],
        "series_faites": [s.title for s in BookingSeries.objects.filter(booked_by=user)],
        "etapes": [
            {"reservation": t.booking_id, "etape": t.name, "motif": t.reason, "le": t.at}
            for t in Transition.objects.filter(by=user)
        ],
    }


def erase(user):
    _free_future_slots(user)
    Booking.objects.filter(neighbour=user).delete()
    BookingSeries.objects.filter(neighbour=user).delete()
    Booking.objects.filter(booked_by=user).update(booked_by=None)
    BookingSeries.objects.filter(booked_by=user).update(booked_by=None)
    Transition.objects.filter(by=user).update(by=None)


def _free_future_slots(user):
    """Their future bookings go (deleted just after): the room is free again at once, its live week
    says so, and city staff learn that a date they were to decide on, or had confirmed, is cancelled
    (without the name: "compte supprimé")."""
    from associations.rooms import feeds, telling

    future = list(
        Booking.objects.filter(neighbour=user, status__in=Booking.ACTIVE, end__gt=timezone.now())
        .select_related("room")
        .order_by("room_id", "start")
    )
    by_room = {}
    for booking in future:
        by_room.setdefault(booking.room_id, []).append(booking)
    notices = []
    staff = list(telling.staff())
    for bookings in by_room.values():
        feeds.push_week(bookings, "cancelled")
        body = telling.describe(bookings) + "\n" + _("La personne qui avait réservé a supprimé son compte.")
        payload = {"params": {"room": bookings[0].room.name}, "body": body, "url": telling.queue_url()}
        notices += [(person, "rooms.cancelled", payload) for person in staff]
    notify_many(notices)


HANDLER = PersonalDataHandler(
    label="salles",
    models=(Booking, BookingSeries, Transition),
    export=export,
    erase=erase,
    order=50,
)
