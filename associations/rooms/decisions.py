"""City staff decide on a waiting booking (approve, refuse: every waiting date of its series); its holder
cancels one date or the rest of a series, up to the room's notice. The steps, who takes them and from
which states are ``workflow.BOOKING``; each decision tells the week feed and the people concerned."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.rooms import feeds, telling, timefmt
from associations.rooms.models import Booking, BookingSeries
from associations.rooms.services import BookingError
from associations.rooms.workflow import BOOKING
from solidarite.notifications.services import notify_many


def _move(bookings: list[Booking], name: str, *, by, reason: str) -> None:
    BOOKING.move_many(bookings, name, by=by, reason=reason)


def _decidable(booking) -> list[Booking]:
    qs = Booking.objects.select_for_update(of=("self",)).filter(status__in=BOOKING.step("approve").sources)
    qs = qs.filter(series=booking.series_id) if booking.series_id else qs.filter(pk=booking.pk)
    found = list(qs.select_related("room", "association"))
    if not found:
        raise BookingError(
            _("Cette réservation n'attend plus de décision (état : %(status)s).")
            % {"status": booking.get_status_display()},
            code="not_requested",
        )
    return found


def approve(*, booking: Booking, by, message: str = "") -> list[Booking]:
    """Staff confirm a waiting booking (every waiting date of its series)."""
    BOOKING.require(booking, "approve", by)
    with transaction.atomic():
        bookings = _decidable(booking)
        _move(bookings, "approve", by=by, reason=message.strip())
        feeds.push_week(bookings, "approved")
        telling.notify_holder(
            bookings[0],
            by=by,
            kind="rooms.approved",
            body=telling.describe(bookings, message),
        )
    return bookings


def refuse(*, booking: Booking, by, message: str) -> list[Booking]:
    """Staff refuse a waiting booking with a message; the slot is free again at once."""
    BOOKING.require(booking, "refuse", by)
    if not (message or "").strip():
        raise BookingError(_("Expliquez en quelques mots pourquoi la réservation est refusée."), code="no_message")
    with transaction.atomic():
        bookings = _decidable(booking)
        _move(bookings, "refuse", by=by, reason=message.strip())
        feeds.push_week(bookings, "refused")
        telling.notify_holder(
            bookings[0],
            by=by,
            kind="rooms.refused",
            body=telling.describe(bookings, message),
        )
    return bookings


def cancel(*, booking: Booking, by, reason: str = "", rest_of_series: bool = False, now=None) -> list[Booking]:
    """The holder cancels one date, or this date and the rest of its series, up to the room's limit."""
    now = now or timezone.now()
    BOOKING.require(booking, "cancel", by)
    with transaction.atomic():
        qs = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("room", "association")
            .filter(status__in=BOOKING.step("cancel").sources)
        )
        if rest_of_series and booking.series_id:
            qs = qs.filter(series=booking.series_id, start__gte=booking.start)
        else:
            qs = qs.filter(pk=booking.pk)
        bookings = list(qs.order_by("start"))
        if not bookings:
            raise BookingError(_("Cette réservation est déjà annulée ou refusée."), code="not_active")
        room = bookings[0].room
        limit = dt.timedelta(hours=room.cancel_notice_hours)
        if bookings[0].start - now < limit:
            raise BookingError(
                _(
                    "Trop tard pour annuler en ligne : cette salle s'annule au plus tard %(hours)d heures avant. "
                    "Appelez la maison des associations."
                )
                % {"hours": room.cancel_notice_hours},
                code="too_late",
            )
        _move(bookings, "cancel", by=by, reason=reason.strip())
        feeds.push_week(bookings, "cancelled")
        if booking.series_id:
            series = BookingSeries.objects.select_for_update().get(pk=booking.series_id)
            days = {*series.excluded_dates, *(timefmt.local(b.start).date().isoformat() for b in bookings)}
            series.excluded_dates = sorted(days)
            series.save(update_fields=["excluded_dates"])
        body = telling.describe(bookings, reason)
        telling.notify_holder(bookings[0], by=by, kind="rooms.cancelled", body=body)
        payload = {"params": {"room": room.name}, "body": body, "url": telling.queue_url()}
        notify_many([(person, "rooms.cancelled", payload) for person in telling.staff()])
    return bookings
