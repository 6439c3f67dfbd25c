"""iCalendar feeds: per room, per association, and a private feed behind a secret token."""

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from associations.rooms import decisions, services
from solidarite.calendars.models import FeedToken
from tests.rooms.factories import AssociationFactory, paris


def events(response):
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    return cal, list(cal.walk("VEVENT"))


@pytest.fixture
def weekly(room, association, manager, slot):
    start, end = slot
    series = services.book_series(
        room=room,
        association=association,
        by=manager,
        start=start,
        end=end,
        frequency="weekly",
        until=(start + dt.timedelta(weeks=3)).date(),
        title="Atelier tricot",
    )
    decisions.cancel(booking=series.occurrences.order_by("start")[1], by=manager)
    return series


def test_a_series_is_one_event_with_rrule_exdate_and_the_paris_timezone(client, room, weekly, slot):
    start, _end = slot
    cal, found = events(client.get(f"/salles/{room.slug}/calendrier.ics"))
    assert len(found) == 1
    event = found[0]
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert event.decoded("dtstart").hour == 14 and str(event["DTSTART"].params["TZID"]) == "Europe/Paris"
    assert [d.dt for d in event["EXDATE"].dts] == [start + dt.timedelta(weeks=1)]
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert str(event["SUMMARY"]) == weekly.association.name


def test_a_series_across_the_october_change_keeps_18h_in_the_feed(client, room, association, manager):
    # The next October whose change is still ahead: the feed leaves out series already over.
    today = timezone.localdate()
    year = today.year if today < dt.date(today.year, 10, 1) else today.year + 1
    services.book_series(
        room=room,
        association=association,
        by=manager,
        start=paris(year, 10, 23, 18),
        end=paris(year, 10, 23, 20),
        frequency="weekly",
        until=dt.date(year, 11, 6),
        now=paris(year, 1, 4, 9),
    )
    body = client.get(f"/salles/{room.slug}/calendrier.ics").content.decode()
    assert f"DTSTART;TZID=Europe/Paris:{year}1023T180000" in body
    assert f"RRULE:FREQ=WEEKLY;UNTIL={year}1106T225959Z" in body


def test_the_association_feed_leaves_out_what_it_kept_private(client, room, slot, staff):
    association = AssociationFactory()
    start, end = slot
    services.book(room=room, association=association, by=staff, start=start, end=end, title="Public")
    services.book(
        room=room,
        association=association,
        by=staff,
        start=start + dt.timedelta(days=1),
        end=end + dt.timedelta(days=1),
        title="Privé",
        is_public=False,
    )
    _cal, found = events(client.get(f"/salles/associations/{association.slug}/calendrier.ics"))
    assert [str(e["SUMMARY"]).split(" — ")[0] for e in found] == ["Public"]


def test_the_private_feed_needs_the_secret_and_shows_everything_of_the_manager(
    client_for, client, room, weekly, manager, slot
):
    start, end = slot
    services.book(
        room=room,
        association=weekly.association,
        by=manager,
        start=start + dt.timedelta(days=1),
        end=end + dt.timedelta(days=1),
        title="Bureau",
        is_public=False,
    )
    assert client.get("/salles/flux/pas-le-bon-jeton.ics").status_code == 404
    client_for(manager).post("/salles/mes-reservations/calendrier/")
    token = FeedToken.objects.get(user=manager).token
    assert token in client_for(manager).get("/salles/mes-reservations/").content.decode()
    _cal, found = events(client.get(f"/salles/flux/{token}.ics"))
    assert sorted(str(e["SUMMARY"]).split(" — ")[0] for e in found) == ["Atelier tricot", "Bureau"]
    client_for(manager).post("/salles/mes-reservations/calendrier/")
    assert client.get(f"/salles/flux/{token}.ics").status_code == 404
