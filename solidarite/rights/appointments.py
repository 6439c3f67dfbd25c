"""Every write on appointments goes through here (pages, and later the API and mediators alike).

A refused rule raises ``AppointmentError`` (a ``ValidationError`` with a plain French message) and
saves nothing; a slot someone else holds raises ``SlotTaken``. Never two people in one slot:
``solidarite.intervals.exclusive`` (serialized check on SQLite, permanence row lock and exclusion
constraint on PostgreSQL), the guarantee the rooms use. The agents of the permanence are told when
someone books or cancels (``notices``: kinds rendered when read, naming nobody).
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite import intervals
from solidarite.accounts.roles import can_post
from solidarite.notifications.services import notify, notify_many
from solidarite.rights import availability, mandates, notices, waitlist
from solidarite.rights.appointment_workflow import APPOINTMENT
from solidarite.rights.availability import AppointmentError, slot_taken_error, slot_text
from solidarite.rights.mandate_models import MandateAct, Scope
from solidarite.rights.permanence_models import NO_OVERLAP_CONSTRAINT, REASONS, Appointment, Permanence

Status = Appointment.Status
REASON_CODES = {code for code, _label in REASONS}
# What "3 months after" means for the retention command (the longest three months of a year).
RETENTION = dt.timedelta(days=92)


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
    end = availability.bookable_end(permanence, start, now)
    with intervals.exclusive(permanence, constraint=NO_OVERLAP_CONSTRAINT, taken=slot_taken_error):
        mandate, resident = None, by
        if on_behalf_of is not None:
            mandate = mandates.lock_for_act(on_behalf_of, by, Scope.APPOINTMENTS, now=now)
            resident = mandate.resident
        if Appointment.objects.overlapping(permanence, start, end).exists():
            raise slot_taken_error()
        _one_at_a_time(permanence, resident, now, mandate=mandate)
        waitlist.claim(permanence, start, end, resident, now)
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
    end = availability.bookable_end(permanence, start, now)
    with intervals.exclusive(permanence, constraint=NO_OVERLAP_CONSTRAINT, taken=slot_taken_error):
        current = _locked(appointment)
        if Appointment.objects.overlapping(permanence, start, end).exclude(pk=current.pk).exists():
            raise slot_taken_error()
        waitlist.claim(permanence, start, end, current.resident, now)
        APPOINTMENT.move(current, "cancel", by=by, save_fields=["status_by"])
        waitlist.slot_freed(permanence, current.start, current.end, now=now)
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
        waitlist.slot_freed(current.permanence, current.start, current.end, now=now)
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
            waitlist.slot_freed(current.permanence, current.start, current.end, now=now)
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
        waitlist.slot_freed(current.permanence, current.start, current.end, now=now)
        _tell_agents(current, notices.APPOINTMENT_CANCELLED, by=None)
        count += 1
    return count


def purge(*, now=None) -> int:
    """Retention: 3 months after an appointment, the people leave it; permanence, theme, day, state stay."""
    now = now or timezone.now()
    rows = Appointment.objects.filter(end__lt=now - RETENTION, purged_at__isnull=True)
    return rows.update(resident=None, booked_by=None, status_by=None, mandate=None, purged_at=now)


# --- what other apps attach to an appointment on the agent's day list --------------------------------

_day_links: list = []


def register_day_links(provider) -> None:
    """``provider(appointments, agent) -> {appointment id: (label, url)}``: a link the agent sees on the
    row (the estimate a person shared with this appointment). The provider checks who may see it."""
    if provider not in _day_links:
        _day_links.append(provider)


def day_links(appointments, agent) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = {}
    for provider in _day_links:
        for pk, link in provider(appointments, agent).items():
            found.setdefault(pk, []).append(link)
    return found
