"""A resident's own repair café calendar: the sessions they follow, read as a calendar app reads them
(icalendar + recurring-ical-events); a secret address, renewed or revoked at will."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from django.urls import reverse
from django.utils import timezone

from solidarite.calendars.models import FeedToken
from solidarite.repairs import services
from solidarite.repairs.models import Follow
from tests.factories import UserFactory
from tests.repairs.factories import make_cafe

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def read(response) -> icalendar.Calendar:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == "private, no-store"
    return icalendar.Calendar.from_ical(response.content)


def shown(cal, start, end):
    return sorted(
        (str(event["SUMMARY"]), event["DTSTART"].dt.astimezone(dt.UTC))
        for event in recurring_ical_events.of(cal).between(start, end)
    )


def _monthly_cafe(title):
    first = timezone.localdate() + dt.timedelta(days=2)
    start = dt.datetime.combine(first, dt.time(18, 0), tzinfo=PARIS)
    return make_cafe(
        title=title,
        starts_at=start,
        recurrence="monthly",
        recurrence_until=first + dt.timedelta(days=110),
    )


def test_a_resident_follows_a_repair_cafe_and_sees_its_sessions_at_their_local_time(client_for):
    resident = UserFactory()
    followed, other = _monthly_cafe("Repair café du Château"), _monthly_cafe("Repair café de Ragon")
    client = client_for(resident)

    assert client.post(reverse("repairs:follow", args=[followed.association.slug]), {"suivre": "1"}).status_code == 302
    assert Follow.objects.filter(user=resident, association=followed.association).exists()
    client.post(reverse("repairs:mine"), {"calendrier": "creer"})
    token = FeedToken.objects.get(user=resident).token
    page = client.get(reverse("repairs:mine"))
    assert reverse("repairs:feed", args=[token]) in page.content.decode()

    cal = read(client.get(reverse("repairs:feed", args=[token])))
    now = timezone.now()
    events = shown(cal, now, now + services.HORIZON)
    expected = [s.start.astimezone(dt.UTC) for s in services.upcoming_sessions() if s.action == followed]
    assert len(expected) >= 3
    assert [start for _title, start in events] == expected
    assert all(title == "Repair café : Repair café du Château" for title, _start in events)
    # 18:00 in Rezé on each date, on both sides of a daylight-saving change.
    assert {start.astimezone(PARIS).time() for _title, start in events} == {dt.time(18, 0)}
    assert other.title not in client.get(reverse("repairs:feed", args=[token])).content.decode()


def test_a_new_address_revokes_the_old_one_and_deleting_it_stops_the_feed(client_for):
    resident = UserFactory()
    client = client_for(resident)
    client.post(reverse("repairs:mine"), {"calendrier": "creer"})
    old = FeedToken.objects.get(user=resident).token
    client.post(reverse("repairs:mine"), {"calendrier": "renouveler"})
    new = FeedToken.objects.get(user=resident).token
    assert new != old
    assert client.get(reverse("repairs:feed", args=[old])).status_code == 404
    assert read(client.get(reverse("repairs:feed", args=[new])))
    client.post(reverse("repairs:mine"), {"calendrier": "revoquer"})
    assert client.get(reverse("repairs:feed", args=[new])).status_code == 404
    assert not FeedToken.objects.filter(user=resident).exists()


def test_a_deactivated_account_has_no_feed(client):
    resident = UserFactory()
    token = services.feed_token(resident).token
    resident.is_active = False
    resident.save(update_fields=["is_active"])
    assert client.get(reverse("repairs:feed", args=[token])).status_code == 404


def test_following_an_association_that_runs_no_repair_cafe_is_refused(client_for):
    from tests.directory.factories import AssociationFactory

    association = AssociationFactory()
    client = client_for(UserFactory())
    response = client.post(reverse("repairs:follow", args=[association.slug]), follow=True)
    assert "organise pas de repair café" in response.content.decode()
    assert not Follow.objects.exists()
