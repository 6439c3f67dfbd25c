"""Pages of the rooms: list, week planning, booking form, my bookings, staff queue and daily sheet.

Thin: parse, check permission, call ``services``, render. A refused rule re-renders with 400.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from associations.directory.models import Association
from associations.rooms import availability, decisions, feeds, ical, services, timefmt
from associations.rooms.forms import MYSELF, ONCE, BookingForm, CancelForm, DayForm, DecisionForm
from associations.rooms.models import PARIS, Booking, Room, RoomPhoto
from associations.rooms.services import BookingError, SeriesConflict
from solidarite.accounts.roles import can_post, is_city_staff, require_city_staff
from solidarite.calendars import services as calendars
from solidarite.forms import error_text, show_service_error


def _room(slug) -> Room:
    return get_object_or_404(Room.objects.open().select_related("quartier"), slug=slug)


def _parse_day(value, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else default
    except ValueError:
        return default


@require_GET
def room_list(request):
    rooms = Room.objects.open().select_related("quartier").prefetch_related("equipment")
    return render(request, "rooms/list.html", {"rooms": rooms})


@require_GET
def week(request, slug):
    room = _room(slug)
    today = timezone.localdate()
    monday = availability.monday_of(_parse_day(request.GET.get("semaine"), today))
    refusal = services.booking_refusal(request.user, room)
    may_book = refusal is None
    book_url = reverse("rooms:book", kwargs={"slug": room.slug}) if may_book else ""
    return render(
        request,
        "rooms/week.html",
        {
            "room": room,
            "photos": room.photos.all(),
            "week": availability.build_week(room, monday, book_url=book_url),
            "this_monday": availability.monday_of(today),
            "may_book": may_book,
            "refusal": refusal,
            "live_feed": feeds.WEEK_FEED,
        },
    )


@require_GET
def photo(request, slug, pk, name):
    """A room's photo, public like the room. Its URL names the stored file, so it can be cached for good."""
    found = get_object_or_404(RoomPhoto.objects.select_related("room"), pk=pk, room__slug=slug)
    public = found.room.is_active
    if found.file_name != name or not (public or is_city_staff(request.user)):
        raise Http404
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # The type was sniffed at upload; nosniff stops a browser from guessing another one.
    response = FileResponse(handle, content_type=found.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=31536000, immutable" if public else "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def book(request, slug):
    room = _room(slug)
    refusal = services.booking_refusal(request.user, room)
    if refusal is not None:
        return render(request, "rooms/cannot_book.html", {"room": room, "refusal": refusal}, status=403)
    associations = list(Association.objects.managed_by(request.user).order_by("name"))
    neighbour_allowed = room.neighbours_may_book
    initial = {}
    if request.GET.get("jour"):
        initial["day"] = _parse_day(request.GET["jour"], None)
    hour = request.GET.get("heure", "")
    if hour.isdigit() and int(hour) < 23:
        initial["start_time"], initial["end_time"] = dt.time(int(hour)), dt.time(int(hour) + 1)
    form = BookingForm(
        request.POST or None, initial=initial, associations=associations, neighbour_allowed=neighbour_allowed
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        holder = {"neighbour": request.user} if data["holder"] == MYSELF else form.holder_kwargs
        common = {
            "room": room,
            "by": request.user,
            "start": data["start"],
            "end": data["end"],
            "title": data["title"],
            "is_public": data["is_public"],
            **holder,
        }
        try:
            if data["repeat"] == ONCE:
                booking = services.book(**common)
                count = 1
            else:
                series = services.book_series(
                    **common,
                    frequency=data["repeat"],
                    until=data["until"],
                    skip_unavailable=data["skip_unavailable"],
                )
                booking = series.occurrences.order_by("start").first()
                count = series.occurrences.count()
        except SeriesConflict as error:
            conflict = error
            form.add_error(None, error.messages[0])
        except BookingError as error:
            show_service_error(form, error)
        else:
            if booking.status == Booking.Status.REQUESTED:
                text = _("Demande envoyée : la mairie va la valider. Vous recevrez une notification.")
            else:
                text = _("C'est réservé.")
            if count > 1:
                text += " " + _("%(n)d dates réservées.") % {"n": count}
            messages.success(request, text)
            return redirect("rooms:mine")
    status = 400 if request.method == "POST" else 200
    return render(request, "rooms/book.html", {"room": room, "form": form, "conflict": conflict}, status=status)


@login_required
@require_GET
def mine(request):
    today_start = timezone.now() - dt.timedelta(hours=12)
    bookings = (
        Booking.objects.of_person(request.user)
        .filter(end__gte=today_start)
        .select_related("room", "association", "series")
        .order_by("start")
    )
    token = calendars.current(request.user, calendars.Feed.ROOMS)
    feed_url = request.build_absolute_uri(reverse("rooms:private_feed", args=[token.token])) if token else ""
    return render(
        request,
        "rooms/mine.html",
        {"bookings": bookings, "feed_url": feed_url, "is_staff": is_city_staff(request.user)},
    )


@login_required
@require_POST
def new_feed_token(request):
    if not can_post(request.user):
        raise PermissionDenied
    calendars.renew(request.user, calendars.Feed.ROOMS)
    messages.success(request, _("Nouvelle adresse de calendrier créée ; l'ancienne ne marche plus."))
    return redirect("rooms:mine")


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request, pk):
    booking = get_object_or_404(
        Booking.objects.of_person(request.user).select_related("room", "association", "series"), pk=pk
    )
    form = CancelForm(request.POST or None)
    if not booking.series_id:
        form.fields["scope"].choices = form.fields["scope"].choices[:1]
    if request.method == "POST" and form.is_valid():
        try:
            cancelled = decisions.cancel(
                booking=booking,
                by=request.user,
                reason=form.cleaned_data["reason"],
                rest_of_series=form.cleaned_data["scope"] == "rest",
            )
        except BookingError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("%(n)d date(s) annulée(s) ; le créneau est libre.") % {"n": len(cancelled)})
            return redirect("rooms:mine")
    status = 400 if request.method == "POST" else 200
    return render(request, "rooms/cancel.html", {"booking": booking, "form": form}, status=status)


@login_required
@require_GET
def queue(request):
    require_city_staff(request.user)
    waiting = list(
        Booking.objects.filter(status=Booking.Status.REQUESTED)
        .select_related("room", "association", "neighbour", "series")
        .order_by("start")
    )
    # A series is decided once: show its first waiting date and how many others follow.
    rows, seen = [], {}
    for booking in waiting:
        if booking.series_id in seen:
            seen[booking.series_id]["count"] += 1
            continue
        row = {"booking": booking, "count": 1}
        rows.append(row)
        if booking.series_id:
            seen[booking.series_id] = row
    return render(request, "rooms/queue.html", {"rows": rows, "form": DecisionForm()})


@login_required
@require_POST
def decide(request, pk, decision):
    require_city_staff(request.user)
    booking = get_object_or_404(Booking.objects.select_related("room", "association"), pk=pk)
    action = {"approuver": decisions.approve, "refuser": decisions.refuse}.get(decision)
    if action is None:
        raise Http404
    form = DecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise BookingError([str(e) for errors in form.errors.values() for e in errors])
        decided = action(booking=booking, by=request.user, message=form.cleaned_data["message"])
    except BookingError as error:
        messages.error(request, error_text(error))
        return render(request, "rooms/decision_error.html", {"booking": booking, "errors": error.messages}, status=400)
    messages.success(request, _("Décision enregistrée pour %(n)d date(s).") % {"n": len(decided)})
    return redirect("rooms:queue")


@login_required
@require_GET
def daily_sheet(request, slug):
    require_city_staff(request.user)
    room = _room(slug)
    form = DayForm(request.GET or None)
    day = form.cleaned_data["date"] if form.is_valid() and form.cleaned_data["date"] else timezone.localdate()
    start = dt.datetime.combine(day, dt.time()).replace(tzinfo=PARIS)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time()).replace(tzinfo=PARIS)
    bookings = (
        Booking.objects.active()
        .filter(room=room)
        .between(start, end)
        .select_related("association", "neighbour", "booked_by")
        .order_by("start")
    )
    return render(
        request,
        "rooms/daily_sheet.html",
        {"room": room, "day": day, "bookings": bookings, "form": form, "day_label": timefmt.day(day)},
    )


# --- iCalendar feeds -----------------------------------------------------------------------------


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def room_feed(request, slug):
    room = _room(slug)
    bookings = ical.feed_bookings(Booking.objects.active().filter(room=room))
    body = ical.build_calendar(bookings, name=room.name, summary=ical.public_summary)
    return _ics(body, f"{room.slug}.ics")


@require_GET
def association_feed(request, slug):
    association = get_object_or_404(Association.objects.listed(), slug=slug)
    bookings = ical.feed_bookings(Booking.objects.active().filter(association=association, is_public=True))
    body = ical.build_calendar(
        bookings, name=_("Salles — %(name)s") % {"name": association.name}, summary=ical.private_summary
    )
    return _ics(body, f"{association.slug}-salles.ics")


@require_GET
def private_feed(request, token):
    user = calendars.owner(token, calendars.Feed.ROOMS)
    if user is None or not can_post(user):
        raise Http404
    bookings = ical.feed_bookings(Booking.objects.of_person(user).active())
    body = ical.build_calendar(
        bookings, name=_("Mes réservations de salles"), summary=ical.private_summary, private=True
    )
    return _ics(body, "mes-reservations.ics")
