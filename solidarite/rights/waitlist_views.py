"""The waiting list on the permanence's page: sign up (any day, or a full day), leave it. Plain forms."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solidarite.rights import waitlist
from solidarite.rights.permanence_models import Permanence
from solidarite.rights.waitlist_models import WaitlistEntry


def context(request, permanence, days) -> dict:
    """What the permanence's page shows of the list: offered when full (or on a full day), one's place."""
    entry = waitlist.entry_of(permanence, request.user)
    free = any(s.bookable for _day, found in days for s in found)
    # Someone who already holds an appointment here cannot join (``waitlist.join`` refuses): not offered.
    open_to_join = permanence.is_active and not waitlist.has_upcoming(permanence, request.user, timezone.now())
    offered = entry is not None and entry.status == WaitlistEntry.Status.OFFERED and entry.offer_until > timezone.now()
    return {
        "waitlist_offer": entry if offered else None,
        "waitlist_full": open_to_join and bool(days) and not free,
        "waitlist_days": waitlist.full_days(days) if open_to_join else set(),
        "waitlist_entry": entry,
        "waitlist_position": waitlist.position(entry) if entry and entry.status == WaitlistEntry.Status.WAITING else 0,
        "waitlist_steps": waitlist.WAITLIST.available(entry, request.user) if entry else [],
    }


@login_required
@require_POST
def join(request, slug):
    permanence = get_object_or_404(Permanence.objects.published(), slug=slug)
    day = None
    if request.POST.get("jour"):
        try:
            day = dt.date.fromisoformat(request.POST["jour"])
        except ValueError:
            messages.error(request, _("Choisissez un jour parmi les semaines proposées."))
            return redirect(permanence)
    try:
        waitlist.join(permanence=permanence, by=request.user, day=day)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        when = date_format(day, "l j F") if day else _("le premier jour possible")
        messages.success(
            request,
            _("C'est noté : vous serez prévenu·e si un créneau se libère (%(when)s).") % {"when": when},
        )
    return redirect(permanence.get_absolute_url() + "#liste-d-attente")


@login_required
@require_POST
def withdraw(request, pk):
    entry = waitlist.active().filter(pk=pk, person=request.user).select_related("permanence").first()
    if entry is None:
        raise Http404(_("Vous n'êtes pas sur cette liste d'attente."))
    try:
        waitlist.withdraw(entry=entry, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Vous avez quitté la liste d'attente."))
    return redirect(entry.permanence)
