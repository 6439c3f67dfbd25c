"""Who is told what when a booking is made or decided: the holder (an association's managers, or the
neighbour) and the city staff, one notification per person per decision (kinds in ``notices``)."""

from django.utils.translation import gettext as _

from associations.rooms import notices, timefmt
from associations.rooms.models import Booking
from solidarite.accounts.models import User
from solidarite.notifications.services import notify_many

Status = Booking.Status


def staff():
    return User.objects.city_staff_to_notify()


def holder_people(booking) -> list:
    if booking.association_id:
        return list(booking.association.managers_to_notify())
    return [booking.neighbour] if booking.neighbour_id else []


def describe(bookings, message="") -> str:
    first = bookings[0]
    text = timefmt.slot(first.start, first.end)
    if len(bookings) > 1:
        text += " " + _("(et %(n)d autres dates)") % {"n": len(bookings) - 1}
    if message.strip():
        text += "\n" + _("Message de la mairie : %(message)s") % {"message": message.strip()}
    return text


def mine_url() -> str:
    from django.urls import reverse

    return reverse("rooms:mine")


def queue_url() -> str:
    from django.urls import reverse

    return reverse("rooms:queue")


def notify_holder(booking, *, by, kind, body) -> None:
    payload = {"params": {"room": booking.room.name}, "body": body, "url": mine_url(), "data": {"booking": booking.pk}}
    notify_many([(person, kind, payload) for person in holder_people(booking) if person.pk != by.pk])


def notify_booked(booking, *, by, count: int, tell_holder: bool = True) -> None:
    slot = timefmt.slot(booking.start, booking.end)
    if count > 1:
        slot += " " + _("(et %(n)d autres dates)") % {"n": count - 1}
    data = {"booking": booking.pk}
    if booking.status == Status.REQUESTED:
        text = notices.to_review(booking, slot)  # rendered when read: no neighbour's name stored
        payload = {**text, "url": queue_url(), "data": data}
        notify_many([(person, "rooms.requested", payload) for person in staff()])
        if not tell_holder:
            return
        notify_holder(
            booking,
            by=by,
            kind="rooms.request_sent",
            body=slot,
        )
    elif tell_holder:
        notify_holder(
            booking,
            by=by,
            kind="rooms.confirmed",
            body=slot,
        )
