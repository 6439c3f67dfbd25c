"""Visit slots: the épicerie's OpenStreetMap opening hours cut into slots, each for a few households.

The hours are read by ``solidarite.intervals`` (parsed once per process, French public holidays
closed), the slots cut by ``intervals.slots`` like the permanences'. A slot holds
``grocery.slot_capacity`` households at most, under concurrency: ``intervals.exclusive`` locks the
épicerie's row (PostgreSQL) inside a serialized transaction (SQLite), and the count is made inside it.
A household books by its code alone; it holds one upcoming slot at a time, and a slot once.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidarite import intervals
from solidarite.grocery import feeds
from solidarite.grocery.models import MAX_SLOT_MINUTES, Basket, Grocery, Household, SlotBooking
from solidarite.grocery.services import GroceryError, current_orientation
from solidarite.workflow import SYSTEM, Machine, Step

Status = SlotBooking.Status
ONE_PER_SLOT = "grocery_booking_once_per_slot"
# Booking closes this long before a slot starts (the volunteers prepare the list).
MIN_NOTICE = dt.timedelta(hours=1)


class SlotFull(GroceryError):
    """The slot has no place left."""


def slot_full() -> SlotFull:
    return SlotFull(_("Désolé, ce créneau vient d'être complet : choisissez-en un autre."), code="slot_full")


@dataclass(frozen=True)
class Slot:
    start: dt.datetime
    end: dt.datetime
    capacity: int
    booked: int
    too_late: bool = False

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.booked)

    @property
    def bookable(self) -> bool:
        return self.free > 0 and not self.too_late

    @property
    def key(self) -> str:
        """The slot in a URL or form: its start, Paris wall clock with the offset (unambiguous in autumn)."""
        return self.start.isoformat(timespec="minutes")

    @property
    def text(self) -> str:
        return slot_text(self.start, self.end)


def hour(value: dt.datetime) -> str:
    value = value.astimezone(intervals.PARIS)
    return f"{value.hour} h" if value.minute == 0 else f"{value.hour} h {value.minute:02d}"


def slot_text(start: dt.datetime, end: dt.datetime) -> str:
    day = date_format(start.astimezone(intervals.PARIS).date(), "l j F")
    return _("%(day)s, de %(start)s à %(end)s") % {"day": day, "start": hour(start), "end": hour(end)}


def _cut(grocery: Grocery, first: dt.date, last: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    begin = dt.datetime.combine(first, dt.time())
    finish = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
    return list(intervals.slots(intervals.open_intervals(grocery.effective_hours, begin, finish), grocery.slot_length))


def horizon(grocery: Grocery, now: dt.datetime) -> tuple[dt.date, dt.date]:
    first = now.astimezone(intervals.PARIS).date()
    return first, first + dt.timedelta(days=7 * grocery.weeks_ahead - 1)


def _booked(grocery: Grocery, start: dt.datetime, end: dt.datetime):
    return SlotBooking.objects.filter(
        grocery=grocery,
        status=Status.BOOKED,
        start__lt=end,
        start__gte=start - dt.timedelta(minutes=MAX_SLOT_MINUTES),
    )


def slots(grocery: Grocery, *, now=None, first=None, last=None) -> list[Slot]:
    """The épicerie's slots over its booking horizon (or the given days), with their places taken."""
    now = now or timezone.now()
    default_first, default_last = horizon(grocery, now)
    cut = _cut(grocery, first or default_first, last or default_last)
    if not cut:
        return []
    counts = dict(
        _booked(grocery, cut[0][0], cut[-1][1]).values("start").annotate(n=Count("pk")).values_list("start", "n")
    )
    return [
        Slot(start, end, grocery.slot_capacity, counts.get(start, 0), too_late=start < now + MIN_NOTICE)
        for start, end in cut
    ]


def by_day(found: list[Slot]) -> list[tuple[dt.date, list[Slot]]]:
    days: dict[dt.date, list[Slot]] = {}
    for slot in found:
        days.setdefault(slot.start.astimezone(intervals.PARIS).date(), []).append(slot)
    return list(days.items())


def parse_start(value: str) -> dt.datetime:
    try:
        start = dt.datetime.fromisoformat((value or "").strip().replace(" ", "+"))
    except ValueError:
        raise GroceryError(_("Ce créneau n'existe pas : choisissez-en un dans la liste."), code="bad_slot") from None
    return intervals.aware(start)


def _slot_end(grocery: Grocery, start: dt.datetime, now: dt.datetime) -> dt.datetime:
    first, last = horizon(grocery, now)
    day = start.astimezone(intervals.PARIS).date()
    if start < now + MIN_NOTICE:
        raise GroceryError(_("Ce créneau est passé ou trop proche : choisissez-en un plus tard."), code="too_soon")
    if not first <= day <= last:
        raise GroceryError(_("Ce créneau n'est pas encore ouvert à la réservation."), code="too_far")
    for s_start, s_end in _cut(grocery, day, day):
        if s_start == start:
            return s_end
    raise GroceryError(_("Ce créneau n'existe pas : choisissez-en un dans la liste."), code="bad_slot")


def upcoming(household: Household, *, now=None):
    now = now or timezone.now()
    return household.bookings.filter(status=Status.BOOKED, end__gt=now).order_by("start")


def book(*, household: Household, start: dt.datetime, now=None) -> SlotBooking:
    """The household (by its code) takes a place in a slot. Refused when full, or without a right that day."""
    now = now or timezone.now()
    grocery = household.grocery
    start = intervals.aware(start)
    end = _slot_end(grocery, start, now)
    if current_orientation(household, on=start.astimezone(intervals.PARIS).date()) is None:
        raise GroceryError(_("Votre droit ne couvre pas ce jour : parlez-en à votre CCAS."), code="no_right")
    with intervals.exclusive(grocery, constraint=ONE_PER_SLOT, taken=_already_booked):
        if upcoming(household, now=now).exists():
            raise _already_booked()
        taken = SlotBooking.objects.filter(grocery=grocery, status=Status.BOOKED, start=start).count()
        if taken >= grocery.slot_capacity:
            raise slot_full()
        booking = SlotBooking.objects.create(grocery=grocery, household=household, start=start, end=end)
        feeds.day_changed(grocery.pk, "slots")
        return booking


def _already_booked() -> GroceryError:
    return GroceryError(
        _("Vous avez déjà un créneau réservé : annulez-le d'abord pour en choisir un autre."), code="already_booked"
    )


# A household acts by its code, without an account: the service checks the code, and the step is the
# platform's for the machine (never a button offered to a signed-in person).
SLOT_BOOKING = Machine(
    field="status",
    roles=lambda booking, user: set(),
    stale=gettext_lazy("Ce créneau n'est pas (ou plus) réservé pour vous."),
    invalid=GroceryError,
    steps=[Step("cancel", gettext_lazy("Annuler"), (Status.BOOKED,), Status.CANCELLED, SYSTEM)],
)


def cancel(*, household: Household, booking_id: int, now=None) -> SlotBooking:
    now = now or timezone.now()
    booking = upcoming(household, now=now).filter(pk=booking_id).first()
    if booking is None:
        raise GroceryError(_("Ce créneau n'est pas (ou plus) réservé pour vous."), code="stale")
    with transaction.atomic():
        booking = SlotBooking.objects.select_for_update().get(pk=booking.pk)
        SLOT_BOOKING.move(booking, "cancel", by=None)  # cancelled meanwhile (two tabs): a French 400
        Basket.objects.filter(booking=booking).delete()  # its allergies with it
        feeds.day_changed(booking.grocery_id, "slots")
    return booking


def day_bookings(grocery: Grocery, day: dt.date):
    """A day's bookings for the till and the managers: times and code ends only, no one's name."""
    begin = dt.datetime.combine(day, dt.time(), tzinfo=intervals.PARIS)
    return (
        SlotBooking.objects.filter(grocery=grocery, status=Status.BOOKED, start__gte=begin)
        .filter(start__lt=begin + dt.timedelta(days=1))
        .select_related("household", "basket")
    )
