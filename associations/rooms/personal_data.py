"""What room bookings hold about a person.

A neighbour's own bookings were only theirs: deleted. Association bookings belong to the
association and to the city's records: kept, with who booked or decided removed.
"""

from associations.rooms.models import Booking, BookingSeries, FeedToken, Transition
from solidarite.accounts.personal_data import PersonalDataHandler


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
        "calendrier_prive": FeedToken.objects.filter(user=user).exists(),
    }


def erase(user):
    Booking.objects.filter(neighbour=user).delete()
    BookingSeries.objects.filter(neighbour=user).delete()
    Booking.objects.filter(booked_by=user).update(booked_by=None)
    BookingSeries.objects.filter(booked_by=user).update(booked_by=None)
    Transition.objects.filter(by=user).update(by=None)
    FeedToken.objects.filter(user=user).delete()


HANDLER = PersonalDataHandler(
    label="salles",
    models=(Booking, BookingSeries, Transition, FeedToken),
    export=export,
    erase=erase,
    order=50,
)
