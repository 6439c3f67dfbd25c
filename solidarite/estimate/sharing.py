"""Sharing a saved estimate with the agents of one booked appointment (the consent the national
simulator's users give): explicit, revocable, visible to that permanence's agents only, and only from
the booking until ``SHARE_RETENTION`` after the appointment (then deleted, ``purge``).

Who shares: the estimate's person, for their own appointment; or a mediator under a mandate covering
the estimate, for an estimate made under it and an appointment of the same resident (booked under the
mandate, or the resident's own). Each mediator's share and revocation is a ``MandateAct``.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.estimate import mandate_estimates
from solidarite.estimate.models import EstimateShare, SavedEstimate
from solidarite.rights import mandates
from solidarite.rights.permanence_models import Appointment

# The agent may need the estimate a little after the meeting (to finish the application with the person).
SHARE_RETENTION = dt.timedelta(days=30)


def _live_appointments(now):
    return Appointment.objects.filter(
        status__in=[Appointment.Status.BOOKED, Appointment.Status.ATTENDED], end__gte=now - SHARE_RETENTION
    )


def appointments_for(estimate: SavedEstimate, *, now=None):
    """The upcoming appointments the estimate may be shared with: its person's, or its mandate's."""
    now = now or timezone.now()
    whose = Q(resident_id=estimate.user_id) if estimate.user_id else Q(pk__in=[])
    if estimate.mandate_id:
        whose |= Q(mandate_id=estimate.mandate_id)
    return (
        Appointment.objects.filter(whose, status=Appointment.Status.BOOKED, start__gt=now)
        .select_related("permanence__place")
        .order_by("start")
    )


def _may_manage(by, estimate: SavedEstimate):
    """None when ``by`` is the estimate's person; the mandate when acting under it; else 403."""
    if estimate.user_id and estimate.user_id == by.pk:
        return None
    if estimate.mandate_id:
        return mandate_estimates.current(by, estimate.mandate_id)
    raise PermissionDenied(_("Cette estimation n'est pas la vôtre."))


def share(*, by, estimate: SavedEstimate, appointment_pk, consent: bool) -> EstimateShare:
    mandate = _may_manage(by, estimate)
    if not consent:
        raise ValidationError({"consent": _("Cochez la case pour donner votre accord au partage.")})
    appointment = (
        appointments_for(estimate).filter(pk=appointment_pk).first() if str(appointment_pk).isdigit() else None
    )
    if appointment is None:
        raise ValidationError({"appointment": _("Choisissez un de vos rendez-vous à venir.")})
    try:
        with transaction.atomic():
            if mandate is not None:
                mandate = mandates.lock_for_act(mandate, by, mandate_estimates.SCOPE)
                mandates.record_act(
                    mandate,
                    by=by,
                    kind=mandate_estimates.ACT,
                    summary=_("estimation partagée avec l'agent·e d'un rendez-vous"),
                    url=appointment.get_absolute_url(),
                )
            return EstimateShare.objects.create(estimate=estimate, appointment=appointment, by=by)
    except IntegrityError as error:  # one estimate per appointment
        raise ValidationError(
            {"appointment": _("Une estimation est déjà partagée pour ce rendez-vous : retirez-la d'abord.")}
        ) from error


def revoke(*, by, estimate: SavedEstimate, share_pk) -> None:
    mandate = _may_manage(by, estimate)
    with transaction.atomic():
        if mandate is not None:
            mandate = mandates.lock_for_act(mandate, by, mandate_estimates.SCOPE)
            mandates.record_act(mandate, by=by, kind=mandate_estimates.ACT, summary=_("partage retiré"))
        deleted, _count = EstimateShare.objects.filter(estimate=estimate, pk=share_pk).delete()
    if not deleted:
        raise ValidationError(_("Ce partage n'existe plus."))


def for_agent(user, *, now=None):
    """The shares ``user`` sees: those of live appointments at permanences where they are an agent."""
    now = now or timezone.now()
    if not (user.is_authenticated and user.is_active):
        return EstimateShare.objects.none()
    return EstimateShare.objects.filter(
        appointment__in=_live_appointments(now), appointment__permanence__agents=user
    ).select_related("estimate", "appointment__permanence")


def day_links(appointments, user) -> dict[int, tuple[str, str]]:
    """For the agent's day list (``rights.appointments.register_day_links``): appointment id -> the link
    to the estimate shared with it, for that permanence's agents only."""
    from django.urls import reverse

    ids = [row.pk for row in appointments]
    found = for_agent(user).filter(appointment_id__in=ids).values_list("appointment_id", "pk")
    return {
        appointment_id: (_("Estimation des droits partagée"), reverse("estimate:shared", args=[pk]))
        for appointment_id, pk in found
    }


def purge(*, now=None) -> int:
    """Shares whose appointment is cancelled, or past by more than SHARE_RETENTION, are deleted."""
    now = now or timezone.now()
    deleted, _count = EstimateShare.objects.exclude(appointment__in=_live_appointments(now)).delete()
    return deleted
