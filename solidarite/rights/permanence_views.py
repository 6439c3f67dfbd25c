"""Pages of the permanences: free slots (public), booking, one's appointments, the agent's day, the iCal feed.

No JavaScript: every action is a form that posts. Only the person and the permanence's agents see an
appointment (404 for anyone else, so its existence is not revealed); the day list is for the agents (403).
"""

import datetime as dt

import icalendar
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidarite import ical, intervals
from solidarite.calendars import services as calendars
from solidarite.rights import appointments, availability, help_links, mandates, waitlist_views
from solidarite.rights.appointment_workflow import APPOINTMENT
from solidarite.rights.mandate_models import Scope
from solidarite.rights.mandates import mandate_label
from solidarite.rights.permanence_models import REASONS, Appointment, Permanence

PAST_DAYS = 31


@require_GET
def permanence_detail(request, slug):
    permanence = get_object_or_404(Permanence.objects.published(), slug=slug)
    days = availability.by_day(availability.slots(permanence))
    moving = _moving(request, permanence, request.GET) if request.user.is_authenticated else None
    # From a help request posted under a mandate (``help_links``): the slots book for its resident.
    handoff_errors, for_request, for_mandate = [], None, None
    try:
        for_request, for_mandate = help_links.request_for_booking(request.GET, request.user)
    except ValidationError as error:
        handoff_errors = error.messages
    handoff_param = f"&pour={for_mandate.pk}" if for_mandate else ""
    if for_request is not None:
        handoff_param += f"&demande={for_request.pk}"
    return render(
        request,
        "rights/permanence_detail.html",
        {
            "for_mandate": for_mandate,
            "for_mandate_label": mandate_label(for_mandate) if for_mandate else "",
            "handoff_errors": handoff_errors,
            "permanence": permanence,
            "days": days,
            "is_agent": permanence.is_agent(request.user),
            "moving": moving,
            # Once per page, not once per slot (a month of slots: bench/rights.py).
            "book_url": reverse("rights:book", args=[permanence.slug]),
            "book_label": _("réserver ce créneau"),
            "moving_param": (f"&deplacer={moving.pk}" if moving else "") + handoff_param,
            **waitlist_views.context(request, permanence, days),
        },
        status=400 if handoff_errors else 200,
    )


def _reasons(permanence) -> list[tuple[str, str]]:
    """The themes of the place first if it declares some; every theme otherwise."""
    categories = {code.split("--")[0] for code in permanence.place.theme_codes}
    offered = [(code, label) for code, label in REASONS if code in categories]
    return offered or list(REASONS)


def _moving(request, permanence, data) -> Appointment | None:
    """The person's own booked appointment at this permanence they are moving (``deplacer``), if any."""
    pk = data.get("deplacer", "")
    if not pk:
        return None
    found = (
        Appointment.objects.booked()
        .filter(permanence=permanence, pk=int(pk) if pk.isdigit() and len(pk) < 19 else 0)
        .first()
    )
    if found is None or not APPOINTMENT.may(APPOINTMENT.step("cancel"), found, request.user):
        raise Http404(_("Ce rendez-vous n'existe pas, ou vous ne pouvez pas le déplacer."))
    return found


@login_required
@require_http_methods(["GET", "POST"])
def book(request, slug):
    """Book a slot, or move one's appointment to it (``deplacer``): the new slot is held before the old is freed."""
    permanence = get_object_or_404(Permanence.objects.published(), slug=slug)
    data = request.POST if request.method == "POST" else request.GET
    moving = _moving(request, permanence, data)
    errors, start, end, for_request = [], None, None, None
    try:
        start = availability.parse_start(data.get("debut", ""))
        end = start + permanence.slot_length
        for_request = help_links.request_for_booking(data, request.user)[0] if moving is None else None
    except ValidationError as error:
        errors = error.messages
    if request.method == "POST" and not errors:
        try:
            if for_request is not None:
                appointment = help_links.book_for_request(
                    help_request=for_request,
                    permanence=permanence,
                    by=request.user,
                    start=start,
                    reason=data.get("motif", ""),
                )
            elif moving is not None:
                appointment = appointments.move(appointment=moving, by=request.user, start=start)
            else:
                appointment = appointments.book(
                    permanence=permanence,
                    by=request.user,
                    start=start,
                    reason=data.get("motif", ""),
                    on_behalf_of=mandates.chosen(data["pour"], request.user, Scope.APPOINTMENTS)
                    if data.get("pour")
                    else None,
                )
        except ValidationError as error:
            errors = error.messages
        else:
            slot = availability.slot_text(appointment.start, appointment.end)
            messages.success(request, _("Rendez-vous réservé : %(slot)s.") % {"slot": slot})
            if for_request is not None:
                return redirect("help:request", for_request.pk)
            return redirect(appointment)
    return render(
        request,
        "rights/appointment_book.html",
        {
            "permanence": permanence,
            "start": start,
            "slot": availability.slot_text(start, end) if start and not errors else "",
            "key": data.get("debut", ""),
            "reasons": _reasons(permanence),
            "chosen": data.get("motif", ""),
            "moving": moving,
            # A mediator books for a resident under a mandate (appointments scope), or for themself.
            "mandates": [(m.pk, mandate_label(m)) for m in mandates.for_act(request.user, Scope.APPOINTMENTS)],
            "for_whom": data.get("pour", ""),
            "for_request": for_request,
            "moving_slot": availability.slot_text(moving.start, moving.end) if moving else "",
            "errors": errors,
        },
        status=400 if errors else 200,
    )


def _visible(request, pk) -> Appointment:
    appointment = Appointment.objects.visible_to(request.user).filter(pk=pk).select_related("permanence__place").first()
    if appointment is None:
        raise Http404(_("Ce rendez-vous n'existe pas, ou vous ne pouvez pas le voir."))
    return appointment


@login_required
@require_GET
def appointment_detail(request, pk):
    appointment = _visible(request, pk)
    return render(
        request,
        "rights/appointment_detail.html",
        {
            "appointment": appointment,
            "slot": availability.slot_text(appointment.start, appointment.end),
            "steps": APPOINTMENT.available(appointment, request.user),
            "is_agent": appointment.permanence.is_agent(request.user),
            "may_move": "resident" in APPOINTMENT.roles(appointment, request.user)
            and appointment.status == Appointment.Status.BOOKED
            and appointment.start > timezone.now(),
        },
    )


@login_required
@require_POST
def appointment_step(request, pk, step):
    appointment = _visible(request, pk)
    chosen = APPOINTMENT.by_url_name(step)
    if chosen is None:
        raise Http404
    try:
        appointments.take(appointment=appointment, step=chosen.name, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return render(
            request,
            "rights/appointment_detail.html",
            {
                "appointment": appointment,
                "slot": availability.slot_text(appointment.start, appointment.end),
                "steps": APPOINTMENT.available(appointment, request.user),
                "is_agent": appointment.permanence.is_agent(request.user),
            },
            status=400,
        )
    messages.success(request, _("C'est noté : %(step)s.") % {"step": chosen.label})
    if appointment.permanence.is_agent(request.user) and appointment.resident_id != request.user.pk:
        day = appointment.local_start.date().isoformat()
        return redirect(reverse("rights:agent_day", args=[appointment.permanence.slug]) + f"?jour={day}")
    return redirect("rights:my_appointments")


@login_required
@require_GET
def my_appointments(request):
    now = timezone.now()
    mine = Appointment.objects.filter(resident=request.user).select_related("permanence__place")
    return render(
        request,
        "rights/my_appointments.html",
        {
            "upcoming": mine.filter(status=Appointment.Status.BOOKED, end__gt=now).order_by("start"),
            "past": mine.exclude(status=Appointment.Status.BOOKED, end__gt=now).order_by("-start")[:20],
            "permanences": request.user.rights_permanences.select_related("place"),
        },
    )


@login_required
@require_GET
def agent_day(request, slug):
    permanence = get_object_or_404(Permanence.objects.published(), slug=slug)
    if not permanence.is_agent(request.user):
        raise PermissionDenied(_("Seul·es les agent·es de cette permanence voient ses rendez-vous."))
    today = timezone.localdate()
    try:
        day = dt.date.fromisoformat(request.GET.get("jour") or today.isoformat())
    except ValueError:
        day, invalid = today, True
    else:
        invalid = False
    start = dt.datetime.combine(day, dt.time(), tzinfo=intervals.PARIS)
    rows = (
        Appointment.objects.filter(permanence=permanence)
        .between(start, start + dt.timedelta(days=1))
        .exclude(status=Appointment.Status.CANCELLED)
        .select_related("resident", "mandate__structure")
        .order_by("start")
    )
    token = calendars.ensure(request.user, calendars.Feed.RIGHTS)
    rows = _sharing(rows, permanence)
    links = appointments.day_links(rows, request.user)
    return render(
        request,
        "rights/agent_day.html",
        {
            "permanence": permanence,
            "day": day,
            "previous": day - dt.timedelta(days=1),
            "next": day + dt.timedelta(days=1),
            "rows": [(row, APPOINTMENT.available(row, request.user), links.get(row.pk, ())) for row in rows],
            "invalid": invalid,
            "feed_url": request.build_absolute_uri(reverse("rights:agent_feed", args=[token.token])),
        },
        status=400 if invalid else 200,
    )


def _sharing(rows, permanence) -> list[Appointment]:
    """The rows of one permanence point to the one instance already loaded (and its cached agents)."""
    rows = list(rows)
    for row in rows:
        row.permanence = permanence
    return rows


@require_GET
def agent_feed(request, token):
    """The agent's appointments at all their permanences: the theme and the place, never the person's name
    (a calendar address travels to phones and other services)."""
    agent = calendars.owner(token, calendars.Feed.RIGHTS)
    if agent is None:
        raise Http404
    since = timezone.now() - dt.timedelta(days=PAST_DAYS)
    rows = (
        Appointment.objects.booked()
        .filter(permanence__agents=agent, end__gte=since)
        .select_related("permanence__place")
        .order_by("start")
    )
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Solidarite//Rendez-vous//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("Mes rendez-vous de permanence"))
    for row in rows:
        event = icalendar.Event()
        event.add("uid", f"appointment-{row.pk}@solidarite")
        event.add("dtstamp", row.updated_at)
        ical.add_times(event, row.start, row.end)
        event.add("summary", _("Rendez-vous : %(reason)s") % {"reason": row.get_reason_display()})
        event.add("location", f"{row.permanence.place.name}, {row.permanence.place.address}")
        event.add("status", "CONFIRMED")
        cal.add_component(event)
    ical.add_timezone(cal, default_year=timezone.localdate().year)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
