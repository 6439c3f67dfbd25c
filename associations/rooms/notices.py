"""Room notifications whose text names a person: rendered when read (``notifications.kinds``).

The staff's "X demande lundi…" names a neighbour when a neighbour books for themself.
"""

from django.utils.translation import gettext_noop

from solidarite.notifications import kinds

TO_REVIEW_TITLE = gettext_noop("Réservation à valider : %(room)s")
TO_REVIEW_BODY = gettext_noop("%(holder)s demande %(slot)s.")


def register() -> None:
    kinds.register("rooms.requested", title=TO_REVIEW_TITLE, body=TO_REVIEW_BODY)


def to_review(booking, slot: str) -> dict:
    """The staff's notice: an association is named as such, a neighbour only by id."""
    params, people = {"room": booking.room.name, "slot": slot}, {}
    if booking.association_id:
        params["holder"] = booking.association.name
    else:
        people["holder"] = booking.neighbour_id
    return {"params": params, "people": people}
