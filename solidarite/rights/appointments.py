"""Every write on appointments goes through here (pages, and later the API and mediators alike).

A refused rule raises ``AppointmentError`` (a ``ValidationError`` with a plain French message) and
saves nothing; a slot someone else holds raises ``SlotTaken``. Never two people in one slot:
``solidarite.intervals.exclusive`` (serialized check on SQLite, permanence row lock and exclusion
constraint on PostgreSQL), the guarantee the rooms use. The agents of the permanence are told when
someone books or cancels (``notices``: kinds rendered when read, naming nobody).
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from solidarite import intervals
from solidarite.accounts.roles import can_post
from solidarite.notifications.services import notify, notify_many
from solidarite.rights import mandates, notices
from solidarite.rights.appointment_workflow import APPOINTMENT
from solidarite.rights.mandate_models import MandateAct, Scope
from solidarite.rights.permanence_models import NO_OVERLAP_CONSTRAINT, REASONS, Appointment, Permanence

Status = Appointment.Status
REASON_CODES = {code for code, _label in REASONS}
# What "3 months after" means for the retention command (the longest three months of a year).
RETENTION = dt.timedelta(days=92)


class AppointmentError(ValidationError):
    """A rule refused the request; ``messages`` are French, nothing was saved."""


class SlotTaken(AppointmentError):
    """Someone already holds this slot."""


@dataclass(frozen=True)
class Slot:
    start: dt.datetime
    end: dt.datetime
    state: str  # free | taken | walk_in | past

    @property
    def key(self) -> str:
        """The slot in a URL: its start, Paris wall clock with the offset (unambiguous in autumn)."""
        return self.start.isoformat(timespec="minutes")

    @property
    def bookable(self) -> bool:
        return self.state == "free"

    @property
    def label(self) -> str:
        """Why a slot that is not bookable cannot be booked, as its page says it."""
        return {
            "walk_in": pgettext("slot", "sans rendez-vous"),
            "taken": pgettext("slot", "pris"),
            "past": pgettext("slot", "trop tard pour réserver"),
        }.get(self.state, "")


def hour(value: dt.datetime) -> str:
    value = value.astimezone(intervals.PARIS)
    return f"{value.hour} h" if value.minute == 0 else f"{value.hour} h {value.minute:02d}"


def slot_text(start: dt.datetime, end: dt.datetime) -> str:
    day = date_format(start.astimezone(intervals.PARIS).date(), "l j F Y")
    return _("%(day)s, de %(start)s à %(end)s") % {"day": day, "start": hour(start), "end": hour(end)}


def slot_taken_error() -> SlotTaken:
    return SlotTaken(_("Désolé, ce créneau vient d'être pris : choisissez-en un autre."), code="slot_taken")


# --- slots -----------------------------------------------------------------------------------------


def _cut(permanence, first: dt.date, last: dt.date) -> list[tuple[dt.datetime, dt.datetime, bool]]:
    """(start, end, walk-in) of every slot of the permanence's hours from ``first`` to ``last`` included."""
    expression = permanence.effective_hours
    if not expression:
        return []
    begin = dt.datetime.combine(first, dt.time())
    finish = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
    opens = intervals.open_intervals(expression, begin, finish)
    walk_in = intervals.open_intervals(permanence.walk_in_hours, begin, finish) if permanence.walk_in_hours else []
    found = []
    for start, end in intervals.slots(opens, permanence.slot_length):
        a, b = start.replace(tzinfo=None), end.replace(tzinfo=None)
        found.append((start, end, any(w_a <= a and b <= w_b for w_a, w_b in walk_in)))
    return found


def horizon(permanence, now: dt.datetime) -> tuple[dt.date, dt.date]:
    today = now.astimezone(intervals.PARIS).date()
    return today, today + dt.timedelta(days=7 * permanence.weeks_ahead - 1)


def slots(permanence, *, now: dt.datetime | None = None, first=None, last=None) -> list[Slot]:
    """The permanence's slots over its booking horizon (or the given days), each with its state."""
    now = now or timezone.now()
    default_first, default_last = horizon(permanence, now)
    first, last = first or default_first, last or default_last
    cut = _cut(permanence, first, last)
    if not cut:
        return []
    held = list(Appointment.objects.overlapping(permanence, cut[0][0], cut[-1][1]).values_list("start", "end"))
    earliest = now + dt.timedelta(hours=permanence.min_notice_hours)
    found = []
    for start, end, walk_in in cut:
        if walk_in:
            state = "walk_in"
        elif start < earliest:
            state = "past"
        elif any(intervals.overlaps(start, end, h_start, h_end) for h_start, h_end in held):
            state = "taken"
        else:
            state = "free"
        found.append(Slot(start, end, state))
    return found


def by_day(found: list[Slot]) -> list[tuple[dt.date, list[Slot]]]:
    days: dict[dt.date, list[Slot]] = {}
    for slot in found:
        days.setdefault(slot.start.astimezone(intervals.PARIS).date(), []).append(slot)
    return list(days.items())


def parse_start(value: str) -> dt.datetime:
    """A slot's start from a URL or form; a French error when it is not a date and time."""
    try:
        start = dt.datetime.fromisoformat((value or "").strip().replace(" ", "+"))
    except ValueError:
        raise AppointmentError(
            _("Ce créneau n'existe pas : choisissez-en un dans la liste."), code="bad_slot"
        ) from None
    return intervals.aware(start)


def _bookable_end(permanence, start: dt.datetime, now: dt.datetime) -> dt.datetime:
    """The slot's end if ``start`` is a free-to-book slot start of the permanence; else a French error."""
    if not permanence.is_active:
        raise AppointmentError(_("Cette permanence ne prend pas de rendez-vous en ce moment."), code="inactive")
    day = start.astimezone(intervals.PARIS).date()
    first, last = horizon(permanence, now)
    if start < now + dt.timedelta(hours=permanence.min_notice_hours):
        raise AppointmentError(_("Ce créneau est passé ou trop proche : choisissez-en un plus tard."), code="too_soon")
    if day > last or day < first:
        raise AppointmentError(
            _("On ne réserve que jusqu'au %(day)s : choisissez un créneau plus tôt.")
            % {"day": date_format(last, "l j F")},
            code="too_far",
        )
    for s_start, s_end, walk_in in _cut(permanence, day, day):
        if s_start == start:
            if walk_in:
                raise AppointmentError(
                    _("Ce créneau est sans rendez-vous : venez directement, sans réserver."), code="walk_in"
                )
            return s_end
    raise AppointmentError(_("Ce créneau n'existe pas : choisissez-en un dans la liste."), code="bad_slot")


# --- booking ---------------------------------------------------------------------------------------


def book(*, permanence: Permanence, by, start: dt.datetime, reason: str, now=None, on_behalf_of=None) -> Appointment:
    """Book one slot for oneself, or for a resident under ``on_behalf_of`` (an active mandate of the
    mediator's structure whose scope includes appointments; the act is logged on the mandate).
    Raises ``AppointmentError``/``SlotTaken`` (nothing saved), ValidationError or PermissionDenied."""
    now = now or timezone.now()
    if not can_post(by):
        raise PermissionDenied(_("Connectez-vous avec un compte actif pour prendre rendez-vous."))
    if reason not in REASON_CODES:
        raise AppointmentError(_("Choisissez le thème du rendez-vous dans la liste."), code="reason")
    start = intervals.aware(start)
    end = _bookable_end(permanence, start, now)
    with intervals.exclusive(permanence, constraint=NO_OVERLAP_CONSTRAINT, taken=slot_taken_error):
        mandate, resident = None, by
        if on_behalf_of is not None:
            mandate = mandates.lock_for_act(on_behalf_of, by, Scope.APPOINTMENTS, now=now)
            resident = mandate.resident
        if Appointment.objects.overlapping(permanence, start, end).exists():
            raise slot_taken_error()
        _one_at_a_time(permanence, resident, now, mandate=mandate)
        appointment = Appointment.objects.create(
            permanence=permanence, resident=resident, booked_by=by, mandate=mandate, start=start, end=end, reason=reason
        )
        _log_act(appointment, MandateAct.Kind.APPOINTMENT_BOOKED, by, now)
        _tell_agents(appointment, notices.APPOINTMENT_BOOKED, by=by)
    return appointment


def _log_act(appointment, kind, by, now) -> None:
    """The act under the appointment's mandate, if a mediator of its structure did it."""
    if appointment.mandate_id is None or not mandates.is_mediator_of(by, appointment.mandate.structure_id):
        return
    summary = f"{appointment.permanence.title} — {slot_text(appointment.start, appointment.end)}"
    mandates.record_act(
        appointment.mandate, by=by, kind=kind, summary=summary, url=appointment.get_absolute_url(), now=now
    )


def _one_at_a_time(permanence, person, now, *, besides=None, mandate=None) -> None:
    """One upcoming appointment per person and permanence: a slot for each, not a hoard. A resident
    without an account is known by their mandate."""
    who = {"resident": person} if person is not None else {"mandate": mandate}
    upcoming = Appointment.objects.booked().filter(permanence=permanence, end__gt=now, **who)
    if besides is not None:
        upcoming = upcoming.exclude(pk=besides.pk)
    if upcoming.exists():
        raise AppointmentError(
            _("Vous avez déjà un rendez-vous à cette permanence : déplacez-le ou annulez-le d'abord."),
            code="already_booked",
        )


def move(*, appointment: Appointment, by, start: dt.datetime, now=None) -> Appointment:
    """Move to another slot of the same permanence: the old one is freed only if the new one is held."""
    now = now or timezone.now()
    APPOINTMENT.check(appointment, "cancel", by)
    permanence = appointment.permanence
    start = intervals.aware(start)
    end = _bookable_end(permanence, start, now)
    with intervals.exclusive(permanence, constraint=NO_OVERLAP_CONSTRAINT, taken=slot_taken_error):
        current = _locked(appointment)
        if Appointment.objects.overlapping(permanence, start, end).exclude(pk=current.pk).exists():
            raise slot_taken_error()
        APPOINTMENT.move(current, "cancel", by=by, save_fields=["status_by"])
        moved = Appointment.objects.create(
            permanence=permanence,
            resident=current.resident,
            booked_by=by,
            mandate=current.mandate,
            start=start,
            end=end,
            reason=current.reason,
        )
        _log_act(moved, MandateAct.Kind.APPOINTMENT_MOVED, by, now)
        _tell_agents(moved, notices.APPOINTMENT_MOVED, by=by, previous=current)
    return moved


def _locked(appointment) -> Appointment:
    current = Appointment.objects.select_for_update().select_related("permanence").get(pk=appointment.pk)
    if current.status != Status.BOOKED:
        raise AppointmentError(APPOINTMENT.stale_message(current), code="stale")
    return current


def cancel(*, appointment: Appointment, by, now=None) -> Appointment:
    """The person or an agent cancels; the slot is free again at once."""
    now = now or timezone.now()
    APPOINTMENT.require(appointment, "cancel", by)
    if appointment.end <= now:
        raise AppointmentError(_("Ce rendez-vous est passé : il ne s'annule plus."), code="past")
    with transaction.atomic():
        current = _locked(appointment)
        APPOINTMENT.move(current, "cancel", by=by, save_fields=["status_by"])
        _log_act(current, MandateAct.Kind.APPOINTMENT_CANCELLED, by, now)
        if current.permanence.is_agent(by) and current.resident_id and current.resident_id != by.pk:
            notify(
                current.resident,
                notices.APPOINTMENT_CANCELLED_FOR_RESIDENT,
                {
                    "params": {"permanence": current.permanence.title},
                    "body": slot_text(current.start, current.end),
                    "url": current.permanence.get_absolute_url(),
                },
            )
        else:
            _tell_agents(current, notices.APPOINTMENT_CANCELLED, by=by)
    return current


def mark(*, appointment: Appointment, step: str, by, now=None) -> Appointment:
    """An agent notes that the person came (``attend``) or not (``no_show``), once the slot has begun."""
    now = now or timezone.now()
    APPOINTMENT.require(appointment, step, by)
    if appointment.start > now:
        raise AppointmentError(_("Le rendez-vous n'a pas encore commencé."), code="not_yet")
    with transaction.atomic():
        current = _locked(appointment)
        APPOINTMENT.move(current, step, by=by, save_fields=["status_by"])
    return current


def take(*, appointment: Appointment, step: str, by, now=None) -> Appointment:
    """The page's one entry for a step of the life cycle."""
    if step == "cancel":
        return cancel(appointment=appointment, by=by, now=now)
    return mark(appointment=appointment, step=step, by=by, now=now)


def _tell_agents(appointment, kind: str, *, by, previous=None) -> None:
    payload = notices.appointment(appointment, slot_text(appointment.start, appointment.end), previous=previous)
    agents = appointment.permanence.agents.filter(is_active=True)
    if by is not None:
        agents = agents.exclude(pk=by.pk)
    notify_many([(agent, kind, payload) for agent in agents])


# --- privacy ---------------------------------------------------------------------------------------


def cancel_future_of(user, *, now=None) -> int:
    """On erase: the person's upcoming appointments are cancelled (their slots free again), agents told."""
    now = now or timezone.now()
    count = 0
    for appointment in Appointment.objects.booked().filter(resident=user, end__gt=now).select_related("permanence"):
        with transaction.atomic():
            current = _locked(appointment)
            APPOINTMENT.move(current, "cancel", by=None, save_fields=["status_by"])
            _tell_agents(current, notices.APPOINTMENT_CANCELLED, by=user)
        count += 1
    return count


def cancel_under_mandates(mandate_ids: list[int], *, now=None) -> int:
    """When mandates end (a ``mandates`` end hook): the upcoming appointments they booked for a resident
    without an account are cancelled (nobody could come to them by name any more), the agents told. An
    account keeps its own."""
    now = now or timezone.now()
    count = 0
    rows = Appointment.objects.booked().filter(mandate_id__in=mandate_ids, resident__isnull=True, end__gt=now)
    for appointment in rows.select_related("permanence"):
        current = _locked(appointment)
        APPOINTMENT.move(current, "cancel", by=None, save_fields=["status_by"])
        _tell_agents(current, notices.APPOINTMENT_CANCELLED, by=None)
        count += 1
    return count


def purge(*, now=None) -> int:
    """Retention: 3 months after an appointment, the people leave it; permanence, theme, day, state stay."""
    now = now or timezone.now()
    rows = Appointment.objects.filter(end__lt=now - RETENTION, purged_at__isnull=True)
    return rows.update(resident=None, booked_by=None, status_by=None, mandate=None, purged_at=now)
