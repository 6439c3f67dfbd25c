"""Every iCalendar feed says the same instants as the app, as a calendar app reads them, and its VTIMEZONE is
Europe/Paris as zoneinfo knows it.

The feeds are read with icalendar + recurring-ical-events (RRULE, EXDATE and RDATE expanded), not by
string matching: what is checked is what a person's calendar would show.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from django.urls import reverse
from django.utils import timezone

from associations.directory.models import Action
from associations.rooms import services
from associations.rooms.models import Booking
from solidarite import ical
from solidarite.calendars.models import FeedToken
from tests.directory.factories import ActionFactory, AssociationFactory, make_manager
from tests.rooms.factories import RoomFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
UTC = dt.UTC


def last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month, 31)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def next_autumn_change() -> dt.date:
    """The next last Sunday of October at least a week ahead (rooms need notice)."""
    today = timezone.localdate()
    day = last_sunday(today.year, 10)
    return day if day >= today + dt.timedelta(days=7) else last_sunday(today.year + 1, 10)


def second_pass(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=PARIS).replace(fold=1)


def read(response) -> icalendar.Calendar:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def shown(cal, start, end) -> list[tuple[str, dt.datetime]]:
    """(summary, start in UTC) of each occurrence a calendar app shows in [start, end)."""
    return sorted(
        (str(event["SUMMARY"]), event["DTSTART"].dt.astimezone(UTC))
        for event in recurring_ical_events.of(cal).between(start, end)
    )


# --- the repeated hour of the autumn change --------------------------------------------------------


def test_the_agenda_feeds_put_actions_of_the_repeated_hour_at_their_instant(client):
    day = next_autumn_change()
    association = AssociationFactory()
    later, earlier = second_pass(day, 2, 15), dt.datetime.combine(day, dt.time(2, 15), tzinfo=PARIS)
    assert later.astimezone(UTC) - earlier.astimezone(UTC) == dt.timedelta(hours=1)
    make = {"association": association}
    hour = dt.timedelta(hours=1)
    ActionFactory(title="Veillée, second passage", starts_at=later, ends_at=later.astimezone(UTC) + hour, **make)
    ActionFactory(title="Veillée, premier passage", starts_at=earlier, ends_at=earlier.astimezone(UTC) + hour, **make)
    # A series starting at the second pass, and one that meets the repeated hour on its way (first pass, as
    # RFC 5545 and the app both read a wall time that happens twice).
    ActionFactory(
        title="Ronde hebdomadaire",
        starts_at=later,
        ends_at=later.astimezone(UTC) + dt.timedelta(minutes=45),
        recurrence=Action.Recurrence.WEEKLY,
        recurrence_until=day + dt.timedelta(weeks=3),
        **make,
    )
    ActionFactory(
        title="Ronde de nuit",
        starts_at=earlier - dt.timedelta(weeks=1),
        ends_at=earlier - dt.timedelta(weeks=1) + dt.timedelta(hours=1),
        recurrence=Action.Recurrence.WEEKLY,
        recurrence_until=day + dt.timedelta(weeks=2),
        **make,
    )
    window = (earlier - dt.timedelta(weeks=2), earlier + dt.timedelta(weeks=5))
    expected = sorted(
        (action.title, start.astimezone(UTC))
        for action in Action.objects.all()
        for start in action.occurrence_starts(*window)
    )
    assert ("Veillée, second passage", later.astimezone(UTC)) in expected
    assert ("Ronde hebdomadaire", later.astimezone(UTC)) in expected, "the app's own first occurrence"
    for url in (reverse("directory:agenda_ics"), reverse("directory:association_ics", args=[association.slug])):
        body = client.get(url)
        assert shown(read(body), *window) == expected, url
        assert f"DTSTART;TZID=Europe/Paris:{day:%Y%m%d}T021500\r\nSUMMARY:Veillée, second" not in body.content.decode()


def test_the_room_feeds_put_bookings_of_the_repeated_hour_at_their_instant(client, client_for, staff):
    day = next_autumn_change()
    room = RoomFactory(opening_hours="24/7")
    association = AssociationFactory()
    manager = make_manager(association)
    later, earlier = second_pass(day, 2, 15), dt.datetime.combine(day, dt.time(2, 15), tzinfo=PARIS)
    for start, title in ((later, "Second passage"), (earlier, "Premier passage")):
        end = start.astimezone(UTC) + dt.timedelta(minutes=30)  # exact: Paris datetimes add wall time
        services.book(room=room, association=association, by=staff, start=start, end=end, title=title)
    Booking.objects.update(booked_by=manager)
    assert Booking.objects.get(title="Second passage").start == later.astimezone(UTC)
    client_for(manager).post("/salles/mes-reservations/calendrier/")
    token = FeedToken.objects.get(user=manager).token
    window = (earlier - dt.timedelta(days=1), later + dt.timedelta(days=1))
    expected = sorted(booking.start.astimezone(UTC) for booking in Booking.objects.all())
    for url in (
        reverse("rooms:room_feed", args=[room.slug]),
        reverse("rooms:association_feed", args=[association.slug]),
        reverse("rooms:private_feed", args=[token]),
    ):
        assert [start for _summary, start in shown(read(client.get(url)), *window)] == expected, url


def test_a_series_starting_at_the_second_pass_moves_only_its_first_occurrence():
    day = next_autumn_change()
    later = second_pass(day, 2, 15)
    cal = icalendar.Calendar()
    event = icalendar.Event()
    event.add("summary", "Ronde")
    event.add("uid", "ronde@test")
    until = dt.datetime.combine(day + dt.timedelta(weeks=2), dt.time(23, 59), tzinfo=UTC)
    end = later.astimezone(UTC) + dt.timedelta(hours=1)
    ical.add_recurring_times(event, later, end, {"freq": "weekly", "until": until})
    cal.add_component(event)
    starts = [start for _summary, start in shown(cal, later - dt.timedelta(days=1), later + dt.timedelta(weeks=3))]
    wall = later.replace(tzinfo=None)
    assert starts == [
        later.astimezone(UTC),
        (wall + dt.timedelta(weeks=1)).replace(tzinfo=PARIS).astimezone(UTC),
        (wall + dt.timedelta(weeks=2)).replace(tzinfo=PARIS).astimezone(UTC),
    ]
    # Leaving the first occurrence out drops it, without the rule's first-pass instance coming back.
    cancelled = icalendar.Event()
    cancelled.add("summary", "Ronde")
    cancelled.add("uid", "ronde-2@test")
    ical.add_recurring_times(cancelled, later, end, {"freq": "weekly", "until": until}, excluded=[later])
    cal = icalendar.Calendar()
    cal.add_component(cancelled)
    window = (later - dt.timedelta(days=1), later + dt.timedelta(weeks=3))
    assert [start for _s, start in shown(cal, *window)] == starts[1:]


def test_an_ambiguous_wall_time_typed_in_the_action_form_is_refused_in_french(client_for):
    day = next_autumn_change()
    association = AssociationFactory()
    manager = make_manager(association)
    url = reverse("directory:action_create", args=[association.slug])
    response = client_for(manager).post(
        url,
        {
            "title": "Veillée",
            "kind": Action.Kind.EVENT,
            "description": "Une veillée.",
            "starts_at": f"{day:%Y-%m-%d}T02:15",
            "ends_at": f"{day:%Y-%m-%d}T04:00",
            "place_name": "Maison des associations",
        },
    )
    assert response.status_code == 400
    assert "elle est peut-être ambigüe" in response.content.decode()
    assert not Action.objects.exists()


def test_an_end_before_the_start_across_the_repeated_hour_is_refused_not_a_500(client_for, staff):
    """02:45 first pass (+02:00) comes before 02:15 second pass (+01:00): the API says so in French."""
    day = next_autumn_change()
    room = RoomFactory(opening_hours="24/7")
    association = AssociationFactory()
    manager = make_manager(association)
    start, end = f"{day}T02:15:00+01:00", f"{day}T02:45:00+02:00"
    booking = client_for(staff).post(
        "/api/v1/rooms/bookings/",
        {"room": room.slug, "association": association.pk, "start": start, "end": end},
        content_type="application/json",
    )
    assert booking.status_code == 400 and "est avant son début" in booking.content.decode()
    action = client_for(manager).post(
        "/api/v1/actions/",
        {"association": association.slug, "title": "Veillée", "description": "x", "starts_at": start, "ends_at": end},
        content_type="application/json",
    )
    assert action.status_code == 400 and "La fin doit venir après le début." in action.content.decode()
    assert not Booking.objects.exists() and not Action.objects.exists()


# --- the VTIMEZONE ---------------------------------------------------------------------------------


def zoneinfo_changes(first_year: int, last_year: int) -> list[tuple[dt.datetime, dt.timedelta]]:
    """(instant, offset after) of every change of Europe/Paris, found hour by hour (they fall on hours)."""
    changes = []
    moment = dt.datetime(first_year, 1, 1, tzinfo=UTC)
    previous = moment.astimezone(PARIS).utcoffset()
    while moment.year <= last_year:
        moment += dt.timedelta(hours=1)
        offset = moment.astimezone(PARIS).utcoffset()
        if offset != previous:
            changes.append((moment, offset))
            previous = offset
    return changes


def onsets(vtimezone) -> list[tuple[dt.datetime, dt.timedelta]]:
    """(instant, offset after) of each onset of a VTIMEZONE, read by RFC 5545 3.6.5: an observance's
    DTSTART and RDATEs are local times in its TZOFFSETFROM."""
    found = []
    for observance in vtimezone.subcomponents:
        before, after = observance["TZOFFSETFROM"].td, observance["TZOFFSETTO"].td
        rdates = observance.get("RDATE", [])
        local = [observance["DTSTART"].dt] + [
            item.dt for value in (rdates if isinstance(rdates, list) else [rdates]) for item in value.dts
        ]
        found += [(value.replace(tzinfo=UTC) - before, after) for value in local]
    return sorted(found)


def feeds_with_events_from_2026_to_2030(client, client_for, staff):
    """Every iCalendar feed of the site, each with events on the days zoneinfo changes offset (as far
    ahead as each feed can go), and the years it must then cover."""
    association = AssociationFactory()
    manager = make_manager(association)
    action_years = set()
    for year in range(2026, 2031):
        for day in (last_sunday(year, 3), last_sunday(year, 10)):
            start = dt.datetime.combine(day, dt.time(10), tzinfo=PARIS)
            if start > timezone.now():
                ActionFactory(association=association, starts_at=start, ends_at=start + dt.timedelta(hours=2))
                action_years.add(year)
    room = RoomFactory(opening_hours="24/7")
    start = dt.datetime.combine(timezone.localdate() + dt.timedelta(days=20), dt.time(10), tzinfo=PARIS)
    services.book(room=room, association=association, by=staff, start=start, end=start + dt.timedelta(hours=1))
    Booking.objects.update(booked_by=manager)
    client_for(manager).post("/salles/mes-reservations/calendrier/")
    token = FeedToken.objects.get(user=manager).token
    agenda_years = range(min(action_years), 2031)
    room_years = range(start.year, start.year + 1)
    return [
        (reverse("directory:agenda_ics"), agenda_years),
        (reverse("directory:association_ics", args=[association.slug]), agenda_years),
        (reverse("rooms:room_feed", args=[room.slug]), room_years),
        (reverse("rooms:association_feed", args=[association.slug]), room_years),
        (reverse("rooms:private_feed", args=[token]), room_years),
    ]


def test_every_feed_has_the_vtimezone_zoneinfo_has(client, client_for, staff):
    for url, years in feeds_with_events_from_2026_to_2030(client, client_for, staff):
        [vtimezone] = read(client.get(url)).walk("VTIMEZONE")
        assert str(vtimezone["TZID"]) == "Europe/Paris"
        within = [
            change
            for change in onsets(vtimezone)
            if dt.datetime(years[0], 1, 1, tzinfo=UTC) <= change[0]
            and change[0] < dt.datetime(years[-1] + 1, 1, 1, tzinfo=UTC)
        ]
        assert within == zoneinfo_changes(years[0], years[-1]), url


def test_the_vtimezone_read_by_icalendar_gives_zoneinfo_offsets_2026_to_2030():
    cal = icalendar.Calendar()
    cal.add_component(ical.vtimezone(2026, 2030))
    [vtimezone] = icalendar.Calendar.from_ical(cal.to_ical()).walk("VTIMEZONE")
    assert onsets(vtimezone)[1:] == zoneinfo_changes(2026, 2030)
    spring = list(vtimezone.walk("DAYLIGHT"))
    assert spring[0]["DTSTART"].dt == dt.datetime(2026, 3, 29, 2, 0), "02:00 local (+01:00) is 01:00 UTC"
    # icalendar builds its own tzinfo from the VTIMEZONE (not from the TZID's name): every quarter of an
    # hour around each change, and each noon of the five years, agree with zoneinfo.
    theirs = vtimezone.to_tz(lookup_tzid=False)
    moments = [
        when + dt.timedelta(minutes=15 * k) for when, _after in zoneinfo_changes(2026, 2030) for k in range(-12, 13)
    ]
    moments += [dt.datetime(2026, 1, 1, 11, tzinfo=UTC) + dt.timedelta(days=n) for n in range(365 * 5 + 1)]
    for moment in moments:
        assert moment.astimezone(theirs).utcoffset() == moment.astimezone(PARIS).utcoffset(), moment
