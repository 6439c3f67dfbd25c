"""Every write on rooms and bookings goes through here (views, API, the support app alike).

A refused rule raises ``BookingError`` (a ``ValidationError`` with a plain French message) and
saves nothing. A slot held by another active booking raises ``SlotTaken``; a series with
unavailable dates raises ``SeriesConflict`` naming each date, unless the caller asked to book the
rest (``skip_unavailable=True``).

Never a double booking: ``solidarite.intervals.exclusive`` runs the check inside
``transaction.atomic()``. On SQLite the settings open every transaction with BEGIN IMMEDIATE, so
writers are serialized and the check sees every committed booking; on PostgreSQL the room row is
locked (SELECT … FOR UPDATE) and the exclusion constraint of migration 0002 is the last word: its
violation becomes ``SlotTaken`` too.

Bookings of a room that needs approval wait for city staff (``requested``); the others, and
those made by staff, are confirmed at once. Both sides are notified (persisted now, pushed on
commit by ``notifications.services.notify``).
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.directory.models import Association
from associations.rooms import notices, recurrence, rules, timefmt
from associations.rooms.models import Booking, BookingSeries, Room, Transition
from associations.rooms.workflow import BOOKING
from solidarite import intervals
from solidarite.accounts.models import User
from solidarite.accounts.roles import can_post, is_city_staff
from solidarite.notifications.realtime import push_feed_event_on_commit
from solidarite.notifications.services import notify_many

Status = Booking.Status
NO_OVERLAP_CONSTRAINT = "rooms_booking_no_overlap"
# Public page feed of a room's week, keyed by the room id (see ``feeds`` and static/rooms/week.js).
WEEK_FEED = "room-week"


class BookingError(ValidationError):
    """A booking rule refused the request; ``messages`` are French, nothing was saved."""


class SlotTaken(BookingError):
    """Another active booking holds (part of) the slot."""


class SeriesConflict(SlotTaken):
    """Some dates of a series are taken or closed; ``unavailable`` lists (date, reason) pairs."""

    def __init__(self, unavailable: list[tuple[dt.date, str]]):
        self.unavailable = unavailable
        lines = "; ".join(f"{timefmt.day(day)} ({reason})" for day, reason in unavailable)
        super().__init__(
            _("Créneau déjà pris ou salle fermée à ces dates : %(dates)s. Réservez les autres dates, ou aucune.")
            % {"dates": lines},
            code="series_conflict",
        )

    @property
    def dates(self) -> list[dt.date]:
        return [day for day, _reason in self.unavailable]


def slot_taken_error(room, start, end) -> SlotTaken:
    return SlotTaken(
        _("Désolé, créneau déjà pris : %(room)s est déjà réservée %(slot)s.")
        % {"room": room.name, "slot": timefmt.slot(start, end)},
        code="slot_taken",
    )


# --- who may do what -----------------------------------------------------------------------------


def can_book_for(user, association) -> bool:
    return bool(can_post(user) and (is_city_staff(user) or association.is_manager(user)))


@dataclass(frozen=True)
class Refusal:
    code: str  # "inactive_account" | "associations_only" | "association_unverified" | "sign_in" | "room_inactive"
    message: str


def booking_refusal(user, room) -> Refusal | None:
    """Why ``user`` cannot book ``room`` from the booking page, said before they try: the room's page asks
    it to show « Réserver cette salle » and the free slots' links or the reason, the booking page refuses
    with it (403). The same pieces as ``_check_holder`` (``can_post``, ``can_book_for``, the association's
    verification, the room's ``open_to``), which still checks each booking."""
    if user.is_authenticated and not can_post(user):
        return Refusal("inactive_account", _("Votre compte ne permet pas de réserver en ce moment."))
    if not room.is_active:
        return Refusal("room_inactive", _("Cette salle n'est pas réservable en ce moment."))
    if not room.neighbours_may_book:
        managed = list(Association.objects.managed_by(user))
        if not any(association.is_verified and can_book_for(user, association) for association in managed):
            if managed:
                return Refusal(
                    "association_unverified",
                    _(
                        "Seules les associations vérifiées par la mairie peuvent réserver cette salle. "
                        "La mairie vérifie votre association ; vous pourrez réserver ensuite."
                    ),
                )
            return Refusal(
                "associations_only", _("Seules les associations de l'annuaire peuvent réserver cette salle.")
            )
    if not user.is_authenticated:
        return Refusal("sign_in", _("Connectez-vous pour réserver cette salle."))
    return None


def _check_holder(*, room, association, neighbour, by):
    if not can_post(by):
        raise PermissionDenied(_("Connectez-vous avec un compte actif pour réserver une salle."))
    if not room.is_active:
        raise BookingError(_("Cette salle n'est pas réservable en ce moment."), code="room_inactive")
    if (association is None) == (neighbour is None):
        raise BookingError(_("Réservez au nom d'une association, ou en votre nom propre."), code="holder")
    if association is not None:
        if not can_book_for(by, association):
            raise PermissionDenied(_("Seuls les responsables de l'association peuvent réserver en son nom."))
        if not association.is_verified:
            raise BookingError(
                _("L'association doit d'abord être vérifiée par la mairie pour réserver une salle."),
                code="association_unverified",
            )
    else:
        if neighbour.pk != by.pk and not is_city_staff(by):
            raise PermissionDenied(_("Vous ne pouvez réserver qu'en votre nom."))
        if not room.neighbours_may_book:
            raise BookingError(
                _("Cette salle est réservée aux associations ; les habitant·es ne peuvent pas la réserver."),
                code="associations_only",
            )


def _initial_status(room, by) -> str:
    return Status.REQUESTED if room.needs_approval and not is_city_staff(by) else Status.CONFIRMED


# --- booking ---------------------------------------------------------------------------------------


def book(
    *,
    room: Room,
    by,
    start: dt.datetime,
    end: dt.datetime,
    association: Association | None = None,
    neighbour=None,
    title: str = "",
    is_public: bool = True,
    support_note: str = "",
    support_url: str = "",
    now: dt.datetime | None = None,
    tell_holder: bool = True,
) -> Booking:
    """Book one slot. Raises ``BookingError``/``SlotTaken`` (nothing saved) or ``PermissionDenied``.

    ``tell_holder=False``: the caller tells the holder itself, in its own notification of the same
    decision (a support grant that lends the room): one decision, one notification per person."""
    now = now or timezone.now()
    start, end = rules.aware(start), rules.aware(end)
    _check_holder(room=room, association=association, neighbour=neighbour, by=by)
    by_staff = is_city_staff(by)
    errors = rules.timing_errors(room, start, end, now=now, by_staff=by_staff)
    if not errors and not rules.is_open_between(room, start, end):
        errors.append(rules.closed_error(room, start, end))
    if errors:
        raise BookingError(errors, code="rules")
    title = title.strip() or (association.name if association else _("Réservation d'un·e habitant·e"))
    with intervals.exclusive(room, constraint=NO_OVERLAP_CONSTRAINT, taken=lambda: slot_taken_error(room, start, end)):
        if Booking.objects.overlapping(room, start, end).exists():
            raise slot_taken_error(room, start, end)
        booking = Booking.objects.create(
            room=room,
            association=association,
            neighbour=neighbour,
            booked_by=by,
            title=title[:150],
            start=start,
            end=end,
            status=_initial_status(room, by),
            is_public=is_public,
            support_note=support_note[:200],
            support_url=support_url[:200],
        )
        Transition.objects.create(
            booking=booking, name="book", from_state="", to_state=booking.status, by=by, reason=support_note
        )
        _notify_booked(booking, by=by, count=1, tell_holder=tell_holder)
        _push_week([booking], "booked")
    return booking


def book_series(
    *,
    room: Room,
    by,
    start: dt.datetime,
    end: dt.datetime,
    frequency: str,
    until: dt.date | None,
    association: Association | None = None,
    neighbour=None,
    title: str = "",
    is_public: bool = True,
    skip_unavailable: bool = False,
    support_note: str = "",
    support_url: str = "",
    now: dt.datetime | None = None,
) -> BookingSeries:
    """Book a weekly, fortnightly or monthly series until a date (a year at most).

    Dates that are taken, or on which the room is closed (public holidays…), raise
    ``SeriesConflict`` listing them; with ``skip_unavailable`` the other dates are booked and those
    are left out of the series (its EXDATEs).
    """
    now = now or timezone.now()
    start, end = rules.aware(start), rules.aware(end)
    _check_holder(room=room, association=association, neighbour=neighbour, by=by)
    if frequency not in BookingSeries.Frequency.values:
        raise BookingError(_("Choisissez une fréquence : chaque semaine, toutes les deux semaines ou chaque mois."))
    if until is None:
        raise BookingError(_("Une série doit avoir une date de fin."), code="series_no_end")
    first_day = timefmt.local(start).date()
    if until < first_day:
        raise BookingError(_("La date de fin de la série est avant son premier créneau."), code="series_until")
    if until > first_day + dt.timedelta(days=rules.MAX_SERIES_DAYS - 1):
        raise BookingError(
            _("Une série ne peut pas dépasser un an : choisissez une date de fin avant le %(day)s.")
            % {"day": timefmt.day(first_day + dt.timedelta(days=rules.MAX_SERIES_DAYS - 1))},
            code="series_too_long",
        )
    errors = rules.timing_errors(room, start, end, now=now, by_staff=is_city_staff(by))
    if errors:
        raise BookingError(errors, code="rules")
    first_local = timefmt.local(start)
    duration = timefmt.local(end).replace(tzinfo=None) - first_local.replace(tzinfo=None)
    slots = recurrence.occurrences(frequency, first_local, duration, until)
    title = title.strip() or (association.name if association else _("Réservation d'un·e habitant·e"))

    def taken():  # the exact dates, read again after the rollback
        return SeriesConflict(_unavailable(room, slots))

    with intervals.exclusive(room, constraint=NO_OVERLAP_CONSTRAINT, taken=taken):
        unavailable = _unavailable(room, slots)
        if unavailable and (not skip_unavailable or len(unavailable) == len(slots)):
            raise SeriesConflict(unavailable)
        skipped = {day for day, _reason in unavailable}
        status = _initial_status(room, by)
        series = BookingSeries.objects.create(
            room=room,
            association=association,
            neighbour=neighbour,
            booked_by=by,
            title=title[:150],
            frequency=frequency,
            first_start=start,
            duration_minutes=int(duration.total_seconds() // 60),
            until=until,
            rrule=recurrence.rule_text(frequency, first_local),
            excluded_dates=sorted(day.isoformat() for day in skipped),
        )
        bookings = Booking.objects.bulk_create(
            Booking(
                room=room,
                association=association,
                neighbour=neighbour,
                booked_by=by,
                series=series,
                title=title[:150],
                start=slot_start,
                end=slot_end,
                status=status,
                is_public=is_public,
                support_note=support_note[:200],
                support_url=support_url[:200],
            )
            for slot_start, slot_end in slots
            if slot_start.date() not in skipped
        )
        if not bookings[0].pk:  # backends that do not return ids from bulk_create
            bookings = list(series.occurrences.all())
        Transition.objects.bulk_create(
            Transition(booking=b, name="book", from_state="", to_state=status, by=by, reason=support_note)
            for b in bookings
        )
        _notify_booked(bookings[0], by=by, count=len(bookings))
        _push_week(bookings, "booked")
    return series


def _unavailable(room, slots) -> list[tuple[dt.date, str]]:
    if not slots:
        return []
    taken = list(
        Booking.objects.active().filter(room=room).between(slots[0][0], slots[-1][1]).values_list("start", "end")
    )
    unavailable = []
    for start, end in slots:
        if any(t_start < end and t_end > start for t_start, t_end in taken):
            unavailable.append((start.date(), _("déjà pris")))
        elif not rules.is_open_between(room, start, end):
            unavailable.append((start.date(), _("salle fermée")))
    return unavailable


def available(room, start, end) -> bool:
    """Read-only: is the slot free and open right now (no rule about notice or length)."""
    start, end = rules.aware(start), rules.aware(end)
    return (
        end > start
        and rules.is_open_between(room, start, end)
        and not Booking.objects.overlapping(room, start, end).exists()
    )


# --- workflow: the steps, who takes them and from which states are ``workflow.BOOKING`` -----------


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
        _push_week(bookings, "approved")
        _notify_holder(
            bookings[0],
            by=by,
            kind="rooms.approved",
            body=_describe(bookings, message),
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
        _push_week(bookings, "refused")
        _notify_holder(
            bookings[0],
            by=by,
            kind="rooms.refused",
            body=_describe(bookings, message),
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
        _push_week(bookings, "cancelled")
        if booking.series_id:
            series = BookingSeries.objects.select_for_update().get(pk=booking.series_id)
            days = {*series.excluded_dates, *(timefmt.local(b.start).date().isoformat() for b in bookings)}
            series.excluded_dates = sorted(days)
            series.save(update_fields=["excluded_dates"])
        body = _describe(bookings, reason)
        _notify_holder(bookings[0], by=by, kind="rooms.cancelled", body=body)
        payload = {"params": {"room": room.name}, "body": body, "url": _queue_url()}
        notify_many([(person, "rooms.cancelled", payload) for person in _staff()])
    return bookings


# --- notifications -------------------------------------------------------------------------------


def week_change(bookings) -> dict:
    """What a room's public week feed says of a change: the room and the time range, nothing else.

    Who booked is left to the page, which the browser fetches again through the week view and its
    privacy rules (an association's name only if it chose to be public, never a neighbour's).
    """
    return {
        "room": bookings[0].room_id,
        "start": min(b.start for b in bookings).astimezone(dt.UTC).isoformat(),
        "end": max(b.end for b in bookings).astimezone(dt.UTC).isoformat(),
    }


def _push_week(bookings, event: str) -> None:
    room_id, data = bookings[0].room_id, week_change(bookings)
    push_feed_event_on_commit(WEEK_FEED, str(room_id), event, data)


def _staff():
    return User.objects.city_staff_to_notify()


def _holder_people(booking) -> list:
    if booking.association_id:
        return list(booking.association.managers_to_notify())
    return [booking.neighbour] if booking.neighbour_id else []


def _describe(bookings, message="") -> str:
    first = bookings[0]
    text = timefmt.slot(first.start, first.end)
    if len(bookings) > 1:
        text += " " + _("(et %(n)d autres dates)") % {"n": len(bookings) - 1}
    if message.strip():
        text += "\n" + _("Message de la mairie : %(message)s") % {"message": message.strip()}
    return text


def _mine_url() -> str:
    from django.urls import reverse

    return reverse("rooms:mine")


def _queue_url() -> str:
    from django.urls import reverse

    return reverse("rooms:queue")


def _notify_holder(booking, *, by, kind, body) -> None:
    payload = {"params": {"room": booking.room.name}, "body": body, "url": _mine_url(), "data": {"booking": booking.pk}}
    notify_many([(person, kind, payload) for person in _holder_people(booking) if person.pk != by.pk])


def _notify_booked(booking, *, by, count: int, tell_holder: bool = True) -> None:
    slot = timefmt.slot(booking.start, booking.end)
    if count > 1:
        slot += " " + _("(et %(n)d autres dates)") % {"n": count - 1}
    data = {"booking": booking.pk}
    if booking.status == Status.REQUESTED:
        text = notices.to_review(booking, slot)  # rendered when read: no neighbour's name stored
        payload = {**text, "url": _queue_url(), "data": data}
        notify_many([(person, "rooms.requested", payload) for person in _staff()])
        if not tell_holder:
            return
        _notify_holder(
            booking,
            by=by,
            kind="rooms.request_sent",
            body=slot,
        )
    elif tell_holder:
        _notify_holder(
            booking,
            by=by,
            kind="rooms.confirmed",
            body=slot,
        )
