"""Every write on loans goes through here (pages, API, commands and the bench alike).

A refused rule raises ``LoanError`` (a ``ValidationError`` with a plain French message) or
``PermissionDenied`` and saves nothing. The generic entry point is ``book(item, borrower, start, end)``:
anything lendable for a period (an item of the catalogue; a device lent to a household waiting for digital
equipment, ``equipment.loans``) goes through the same guarantee.

Never two loans of one item at once: ``solidarite.intervals.exclusive`` runs the check inside
``transaction.atomic()`` (SQLite: BEGIN IMMEDIATE serializes writers; PostgreSQL: the item row is locked
and the exclusion constraint of migration 0002 is the last word, its violation becoming ``Taken``).
Handover and return lock the loan row, so two managers clicking at once record one handover.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from solidarite import intervals
from solidarite.accounts.roles import can_post
from solidarite.lending import notices, roles
from solidarite.lending.models import MAX_LOAN_DAYS, Condition, Handover, Item, Loan, Transition, WaitEntry, period
from solidarite.lending.workflow import LOAN, manages
from solidarite.notifications.services import notify_many

Status = Loan.Status
NO_OVERLAP_CONSTRAINT = "lending_loan_no_overlap"
# How far ahead a loan may be booked.
HORIZON_DAYS = 120
MAX_WEIGHT_KG = Decimal("1000")


class LoanError(ValidationError):
    """A loan rule refused the request; ``messages`` are French, nothing was saved."""


class Taken(LoanError):
    """Another loan holds the item for (part of) the period."""


def _day(value: dt.date) -> str:
    return date_format(value, "l j F")


def taken_error(item, start, end) -> Taken:
    first, last = start.astimezone(intervals.PARIS).date(), (end.astimezone(intervals.PARIS) - dt.timedelta(1)).date()
    return Taken(
        _("Désolé, « %(item)s » est déjà réservé pendant une partie de cette période (du %(first)s au %(last)s).")
        % {"item": item.name, "first": _day(first), "last": _day(last)},
        code="taken",
    )


def today(now=None) -> dt.date:
    return (now or timezone.now()).astimezone(intervals.PARIS).date()


# --- booking ---------------------------------------------------------------------------------------


def book_days(*, item, borrower, first_day: dt.date, last_day: dt.date, by=None, now=None) -> Loan:
    """A loan from the pickup day to the return day, both included (what the pages and the API ask)."""
    if last_day < first_day:
        raise LoanError({"last_day": _("Le jour du retour vient après le jour du retrait.")}, code="order")
    start, end = period(first_day, last_day)
    return book(item=item, borrower=borrower, start=start, end=end, by=by, now=now)


def book(*, item, borrower, start: dt.datetime, end: dt.datetime, by=None, now=None) -> Loan:
    """Book ``item`` for ``borrower`` over [start, end); ``by`` is the borrower, or a manager of the
    item's lender booking at the desk for someone."""
    by = by or borrower
    now = now or timezone.now()
    if not can_post(by) or not can_post(borrower):
        raise PermissionDenied(_("Connectez-vous avec un compte actif pour emprunter un objet."))
    if by.pk != borrower.pk and not manages(by, item.lender):
        raise PermissionDenied(_("Vous ne pouvez emprunter qu'en votre nom."))
    if not item.open_to_all and not manages(by, item.lender):
        raise PermissionDenied(
            _("Cet objet se prête seulement au guichet de %(lender)s.") % {"lender": item.lender.name}
        )
    start, end = intervals.aware(start), intervals.aware(end)
    _check_period(item, start, end, now)
    with intervals.exclusive(item, constraint=NO_OVERLAP_CONSTRAINT, taken=lambda: taken_error(item, start, end)):
        if Loan.objects.overlapping(item, start, end).exists():
            raise taken_error(item, start, end)
        loan = Loan.objects.create(
            item=item, borrower=borrower, quartier_id=borrower.quartier_id, start=start, end=end, status=Status.BOOKED
        )
        Transition.objects.create(loan=loan, name="book", from_state="", to_state=Status.BOOKED, by=by, at=now)
        # Booked: the borrower no longer waits for it.
        WaitEntry.objects.filter(item=item, person=borrower).delete()
        notify_many(
            [(manager, notices.BOOKED, notices.booked(loan)) for manager in roles.managers_to_notify(item.lender)]
        )
    return loan


def _check_period(item, start, end, now) -> None:
    if not item.is_active:
        raise LoanError(_("Cet objet n'est pas empruntable en ce moment."), code="inactive")
    if end <= start:
        raise LoanError({"last_day": _("Le jour du retour vient après le jour du retrait.")}, code="order")
    first = start.astimezone(intervals.PARIS).date()
    if first < today(now):
        raise LoanError({"first_day": _("Le jour du retrait est déjà passé.")}, code="past")
    if first > today(now) + dt.timedelta(days=HORIZON_DAYS):
        raise LoanError(
            {"first_day": _("On réserve au plus %(days)s jours à l'avance.") % {"days": HORIZON_DAYS}}, code="horizon"
        )
    longest = min(item.max_days, MAX_LOAN_DAYS)
    if end - start > dt.timedelta(days=longest, hours=1):  # an hour of slack: the autumn clock change
        raise LoanError(
            {"last_day": _("Cet objet se prête %(days)s jours au plus.") % {"days": longest}}, code="too_long"
        )


# --- steps -----------------------------------------------------------------------------------------


def _locked(loan) -> Loan:
    return Loan.objects.select_for_update(of=("self",)).select_related("item__lender").get(pk=loan.pk)


def cancel(*, loan, by, reason: str = "", now=None) -> Loan:
    with transaction.atomic():
        loan = _locked(loan)
        LOAN.check(loan, "cancel", by)
        LOAN.move(loan, "cancel", by=by, reason=reason)
        if loan.borrower_id == by.pk:
            tell = [
                (m, notices.CANCELLED, notices.cancelled(loan, reason=reason, for_owner=True))
                for m in roles.managers_to_notify(loan.item.lender)
            ]
        else:
            tell = [(loan.borrower, notices.CANCELLED, notices.cancelled(loan, reason=reason, for_owner=False))]
        notify_many(tell)
    return loan


def no_show(*, loan, by, now=None) -> Loan:
    with transaction.atomic():
        loan = _locked(loan)
        LOAN.check(loan, "no_show", by)
        if (now or timezone.now()) < loan.start:
            raise LoanError(_("La période du prêt n'a pas commencé."), code="not_started")
        LOAN.move(loan, "no_show", by=by)
    return loan


def _record(loan, *, direction, by, condition, weight_kg, deposit, note, now) -> Handover:
    if condition not in Condition.values:
        raise LoanError({"condition": _("Choisissez l'état de l'objet dans la liste.")}, code="condition")
    try:
        weight = Decimal(str(weight_kg)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise LoanError({"weight_kg": _("Indiquez le poids en kilos, par exemple 1,5.")}, code="weight") from None
    if not Decimal("0") < weight <= MAX_WEIGHT_KG:
        raise LoanError(
            {"weight_kg": _("Le poids est entre 0,01 et %(max)s kg : pesez l'objet.") % {"max": MAX_WEIGHT_KG}},
            code="weight",
        )
    note = (note or "").strip()
    if len(note) > 500:
        raise LoanError({"note": _("500 caractères au plus.")}, code="note")
    try:
        with transaction.atomic():
            return Handover.objects.create(
                loan=loan,
                direction=direction,
                condition=condition,
                weight_kg=weight,
                deposit=bool(deposit),
                note=note,
                by=by,
                at=now,
            )
    except IntegrityError:
        raise LoanError(_("Cette étape est déjà enregistrée. Rechargez la page."), code="twice") from None


def hand_over(*, loan, by, condition: str, weight_kg, deposit: bool = False, note: str = "", now=None) -> Handover:
    """The owner's manager gives the item: its condition and weight now (the kg lent of the figures)."""
    now = now or timezone.now()
    with transaction.atomic():
        loan = _locked(loan)
        LOAN.check(loan, "hand_over", by)
        if today(now) < loan.first_day:
            raise LoanError(
                _("Ce prêt commence le %(day)s : remettez l'objet ce jour-là.") % {"day": _day(loan.first_day)},
                code="too_early",
            )
        record = _record(
            loan, direction="out", by=by, condition=condition, weight_kg=weight_kg, deposit=deposit, note=note, now=now
        )
        loan.weight_kg = record.weight_kg
        LOAN.move(loan, "hand_over", by=by, save_fields=["weight_kg"])
        Item.objects.filter(pk=loan.item_id).update(condition=condition)
    return record


def take_back(*, loan, by, condition: str, weight_kg, deposit: bool = False, note: str = "", now=None) -> Handover:
    """The owner's manager takes the item back; everyone on its waiting list is told it is back."""
    now = now or timezone.now()
    with transaction.atomic():
        loan = _locked(loan)
        LOAN.check(loan, "take_back", by)
        record = _record(
            loan, direction="back", by=by, condition=condition, weight_kg=weight_kg, deposit=deposit, note=note, now=now
        )
        LOAN.move(loan, "take_back", by=by)
        Item.objects.filter(pk=loan.item_id).update(condition=condition)
        if condition != Condition.BROKEN:
            tell_waiting(loan.item, now=now)
    return record


def tell_waiting(item, *, now) -> int:
    """Tell everyone still waiting for ``item`` that it is back (once each); they book first come, first served."""
    waiting = list(WaitEntry.objects.filter(item=item, notified_at__isnull=True).select_related("person"))
    if not waiting:
        return 0
    WaitEntry.objects.filter(pk__in=[entry.pk for entry in waiting]).update(notified_at=now)
    notify_many([(entry.person, notices.BACK, notices.back(item)) for entry in waiting])
    return len(waiting)


# --- waiting list ----------------------------------------------------------------------------------


def join_waitlist(*, item, person, now=None) -> WaitEntry:
    if not can_post(person):
        raise PermissionDenied(_("Connectez-vous avec un compte actif pour vous inscrire."))
    if not item.is_active or not item.open_to_all:
        raise LoanError(_("Cet objet n'est pas empruntable en ce moment."), code="inactive")
    entry, created = WaitEntry.objects.get_or_create(
        item=item, person=person, defaults={"created_at": now or timezone.now()}
    )
    if not created and entry.notified_at is not None:
        # Told once already and still waiting: wait for the next return.
        entry.notified_at = None
        entry.save(update_fields=["notified_at"])
    return entry


def leave_waitlist(*, item, person) -> bool:
    return WaitEntry.objects.filter(item=item, person=person).delete()[0] > 0


# --- reading ---------------------------------------------------------------------------------------


def taken_periods(item, first_day: dt.date, days: int):
    """The active loans of ``item`` overlapping the days from ``first_day`` (what is not free)."""
    start, end = period(first_day, first_day + dt.timedelta(days=days - 1))
    return Loan.objects.overlapping(item, start, end).order_by("start")
