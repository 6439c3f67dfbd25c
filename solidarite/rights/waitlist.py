"""« Prévenez-moi si un créneau se libère »: the waiting list of a full permanence.

What a CCAS expects, and so what this does: a freed slot goes to the person who has waited longest,
not to whoever reloads the page first (the people who wait are often those least online). So the first
person still waiting is told at once (notification + live socket) and the slot is **held for them
alone** for ``HOLD`` (never beyond the permanence's booking deadline for that slot); others see it as
taken meanwhile. If they book it (or any slot of the permanence), their place on the list ends; if
the hold lapses, the slot is free to anyone at once and ``rights_waitlist`` (every 10 minutes) offers
it to the next person. An offer that lapsed ends that person's place (they are told how to sign up
again): a queue that keeps offering to someone who does not answer would stall everyone behind.

"Still wanting" means: still on the list (not withdrawn), no upcoming appointment at that permanence,
and, for someone waiting for one chosen day, a slot on that day. Concurrency: the slot is freed and
offered in one transaction, and the first waiting row is taken ``FOR UPDATE SKIP LOCKED``, so two
cancellations at once offer their two slots to two different people (SQLite serializes writers).
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidarite import intervals
from solidarite.accounts.roles import can_post
from solidarite.notifications.services import notify
from solidarite.rights import availability, notices
from solidarite.rights.permanence_models import Appointment
from solidarite.rights.waitlist_models import WaitlistEntry
from solidarite.workflow import SYSTEM, Machine, Step

Status = WaitlistEntry.Status
ACTIVE = WaitlistEntry.ACTIVE
HOLD = dt.timedelta(hours=24)
# Ended places on a list are deleted after this (the dashboard counts the lists while they live).
RETENTION = dt.timedelta(days=92)
PERSON = "person"

WAITLIST = Machine(
    field="status",
    roles=lambda entry, user: {PERSON} if user.is_active and entry.person_id == user.pk else set(),
    refused=gettext_lazy("Seule la personne inscrite peut quitter la liste d'attente."),
    steps=[
        Step("offer", gettext_lazy("Proposer le créneau libéré"), (Status.WAITING,), Status.OFFERED, SYSTEM),
        Step("book", gettext_lazy("Rendez-vous pris"), ACTIVE, Status.BOOKED, SYSTEM),
        Step(
            "withdraw",
            gettext_lazy("Ne plus attendre"),
            ACTIVE,
            Status.WITHDRAWN,
            PERSON,
            slug="retirer",
            style="secondary",
        ),
        Step("expire", gettext_lazy("Terminer"), ACTIVE, Status.EXPIRED, SYSTEM),
    ],
)


def _error(message: str, code: str):
    return availability.AppointmentError(message, code=code)


def active():
    return WaitlistEntry.objects.filter(status__in=ACTIVE)


def entry_of(permanence, user) -> WaitlistEntry | None:
    if not user.is_authenticated:
        return None
    return active().filter(permanence=permanence, person=user).first()


def full_days(days) -> set[dt.date]:
    """Days of ``availability.by_day`` with slots to book but none free (walk-in-only days are not full)."""
    return {day for day, found in days if any(s.state == "taken" for s in found) and not any(s.bookable for s in found)}


def has_upcoming(permanence, user, now) -> bool:
    """One appointment at a time per permanence: whoever holds one has nothing to wait for."""
    if not user.is_authenticated:
        return False
    return Appointment.objects.booked().filter(permanence=permanence, resident=user, end__gt=now).exists()


def join(*, permanence, by, day: dt.date | None = None, now=None) -> WaitlistEntry:
    """Put ``by`` on the list (for any day, or for ``day``). Refused while a matching slot is free."""
    now = now or timezone.now()
    if not can_post(by):
        raise PermissionDenied(_("Connectez-vous avec un compte actif pour vous inscrire sur la liste d'attente."))
    if not permanence.is_active:
        raise _error(_("Cette permanence ne prend pas de rendez-vous en ce moment."), "inactive")
    first, last = availability.horizon(permanence, now)
    if day is not None and not first <= day <= last:
        raise _error(_("Choisissez un jour parmi les semaines proposées."), "bad_day")
    if has_upcoming(permanence, by, now):
        raise _error(_("Vous avez déjà un rendez-vous à cette permanence."), "already_booked")
    found = availability.slots(permanence, now=now, first=day, last=day)
    if any(s.bookable for s in found):
        raise _error(_("Il reste un créneau libre : réservez-le directement."), "not_full")
    if not any(s.state == "taken" for s in found):
        # Nothing to wait for: a closed day, or only walk-in or past slots.
        raise _error(_("Aucun rendez-vous ne peut se libérer ce jour-là : choisissez un autre jour."), "no_slots")
    with transaction.atomic():
        current = active().select_for_update().filter(permanence=permanence, person=by).first()
        if current is not None:
            # Already waiting: keep the place in the queue, only the wished day changes.
            if current.status == Status.WAITING and current.day != day:
                current.day = day
                current.save(update_fields=["day", "updated_at"])
            return current
        return WaitlistEntry.objects.create(permanence=permanence, person=by, day=day)


def withdraw(*, entry: WaitlistEntry, by) -> WaitlistEntry:
    WAITLIST.check(entry, "withdraw", by)
    with transaction.atomic():
        current = WaitlistEntry.objects.select_for_update().select_related("permanence").get(pk=entry.pk)
        held = _running_offer(current, timezone.now())
        WAITLIST.move(current, "withdraw", by=by)
        if held:
            slot_freed(current.permanence, *held)  # the slot kept for them goes to the next person
    return current


def _running_offer(entry, now) -> tuple | None:
    if entry.status == Status.OFFERED and entry.offer_until and entry.offer_until > now:
        return entry.offered_start, entry.offered_end
    return None


def position(entry: WaitlistEntry) -> int:
    """1 for the first person waiting."""
    before = Q(created_at__lt=entry.created_at) | Q(created_at=entry.created_at, pk__lt=entry.pk)
    return active().filter(permanence_id=entry.permanence_id).filter(before).count() + 1


def claim(permanence, start, end, person, now) -> None:
    """Inside the booking's lock: refuse a slot held for someone else; end the booker's own place on the list."""
    if availability.held_spans(permanence, start, end, now, besides=person):
        raise _error(
            _("Ce créneau vient de se libérer et est réservé quelques heures à une personne de la liste d'attente."),
            "held",
        )
    for entry in active().select_for_update().filter(permanence=permanence, person=person):
        held = _running_offer(entry, now)
        WAITLIST.move(entry, "book", by=person)
        if held and held != (start, end):
            # They booked another slot than the one kept for them: it goes to the next person.
            slot_freed(permanence, *held, now=now)


def _still_wanting(permanence, day: dt.date, now):
    upcoming = Appointment.objects.booked().filter(permanence=permanence, resident=OuterRef("person"), end__gt=now)
    return (
        WaitlistEntry.objects.filter(permanence=permanence, status=Status.WAITING)
        .filter(Q(day__isnull=True) | Q(day=day))
        .exclude(Exists(upcoming))
        .order_by("created_at", "pk")
    )


def slot_freed(permanence, start: dt.datetime, end: dt.datetime, *, now=None) -> WaitlistEntry | None:
    """Inside the transaction that frees the slot: hold it for the first person still waiting, and tell them."""
    now = now or timezone.now()
    deadline = start - dt.timedelta(hours=permanence.min_notice_hours)
    if deadline <= now or not permanence.is_active:
        return None  # too late for anyone to book it
    day = start.astimezone(intervals.PARIS).date()
    entry = _still_wanting(permanence, day, now).select_for_update(skip_locked=True).first()
    if entry is None:
        return None
    entry.offered_start, entry.offered_end, entry.offer_until = start, end, min(now + HOLD, deadline)
    WAITLIST.move(entry, "offer", by=None, save_fields=["offered_start", "offered_end", "offer_until"])
    until = entry.offer_until.astimezone(intervals.PARIS)
    notify(
        entry.person,
        notices.SLOT_OFFERED,
        {
            "params": {
                "permanence": permanence.title,
                "slot": availability.slot_text(start, end),
                "until": f"{date_format(until.date(), 'l j F')} {until:%H:%M}",
            },
            "url": reverse("rights:book", args=[permanence.slug]) + "?debut=" + start.isoformat(timespec="minutes"),
            "data": {"permanence": permanence.slug, "start": start.isoformat()},
        },
    )
    return entry


def release_lapsed(*, now=None) -> dict:
    """Every 10 minutes: lapsed offers end and go to the next person; wishes for a past day end; old rows go."""
    now = now or timezone.now()
    counts = {"lapsed": 0, "offered": 0, "ended": 0, "deleted": 0}
    lapsed = WaitlistEntry.objects.filter(status=Status.OFFERED, offer_until__lte=now).select_related("permanence")
    for entry in lapsed:
        with transaction.atomic():
            current = WaitlistEntry.objects.select_for_update(skip_locked=True).filter(pk=entry.pk).first()
            if current is None or current.status != Status.OFFERED:
                continue
            WAITLIST.move(current, "expire", by=None)
            notify(current.person, notices.OFFER_LAPSED, {"params": {"permanence": entry.permanence.title}})
            counts["lapsed"] += 1
            permanence, start, end = entry.permanence, current.offered_start, current.offered_end
            if not Appointment.objects.overlapping(permanence, start, end).exists():
                counts["offered"] += slot_freed(permanence, start, end, now=now) is not None
    today = now.astimezone(intervals.PARIS).date()
    with transaction.atomic():
        past_days = list(active().select_for_update().filter(day__lt=today))
        WAITLIST.move_many(past_days, "expire", by=None)
    counts["ended"] = len(past_days)
    ended = WaitlistEntry.objects.exclude(status__in=ACTIVE).filter(updated_at__lt=now - RETENTION)
    counts["deleted"] = ended.delete()[0]
    return counts
