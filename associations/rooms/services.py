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
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.directory.models import Association
from associations.rooms import feeds, recurrence, rules, telling, timefmt
from associations.rooms.models import Booking, BookingSeries, Room, Transition
from solidarite import intervals
from solidarite.accounts.roles import can_post, is_city_staff

Status = Booking.Status
NO_OVERLAP_CONSTRAINT = "rooms_booking_no_overlap"
# Public page feed of a room's week, keyed by the room id (see ``feeds`` and static/rooms/week.js).


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
        telling.notify_booked(booking, by=by, count=1, tell_holder=tell_holder)
        feeds.push_week([booking], "booked")
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
        telling.notify_booked(bookings[0], by=by, count=len(bookings))
        feeds.push_week(bookings, "booked")
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
