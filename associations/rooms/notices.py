"""The notifications of rooms, each declared once (``notifications.kinds``): its text, rendered when
read, and who receives it.

The staff's "X demande lundi…" names a neighbour when a neighbour books for themself.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from associations.rooms import timefmt
from solidarite.notifications import kinds

TO_REVIEW_TITLE = gettext_noop("Réservation à valider : %(room)s")
TO_REVIEW_BODY = gettext_noop("%(holder)s demande %(slot)s.")


STAFF = "city staff in activity (User.objects.city_staff_to_notify)"
HOLDER = "who holds the booking: the association's managers, or the neighbour, but the person who acted"
KINDS = {
    "rooms.requested": {"title": TO_REVIEW_TITLE, "body": TO_REVIEW_BODY, "recipients": STAFF, "people": ("holder",)},
    "rooms.request_sent": {"title": gettext_noop("Demande envoyée à la mairie : %(room)s"), "recipients": HOLDER},
    "rooms.confirmed": {"title": gettext_noop("Salle réservée : %(room)s"), "recipients": HOLDER},
    "rooms.approved": {"title": gettext_noop("Réservation confirmée : %(room)s"), "recipients": HOLDER},
    "rooms.refused": {"title": gettext_noop("Réservation refusée : %(room)s"), "recipients": HOLDER},
    "rooms.cancelled": {
        "title": gettext_noop("Réservation annulée : %(room)s"),
        "recipients": HOLDER + "; and " + STAFF,
    },
}


def booked(booking) -> str:
    """What a holder reads of a new booking (the room and the slot), for a caller that tells them
    itself, in its own notification of the same decision (a support grant that lends the room)."""
    room = _("Salle réservée : %(room)s") % {"room": booking.room.name}
    return f"{room}, {timefmt.slot(booking.start, booking.end)}."


def register() -> None:
    for name, spec in KINDS.items():
        kinds.register(name, **spec)


def to_review(booking, slot: str) -> dict:
    """The staff's notice: an association is named as such, a neighbour only by id."""
    params, people = {"room": booking.room.name, "slot": slot}, {}
    if booking.association_id:
        params["holder"] = booking.association.name
    else:
        people["holder"] = booking.neighbour_id
    return {"params": params, "people": people}
