"""The manager's day view is live: bookings and visits send a hint (naming no one) to its feed."""

import pytest
from django.urls import reverse

from solidarite.grocery import feeds, services, slots
from solidarite.notifications import realtime
from solidarite.notifications.feeds import get_feed
from tests.factories import UserFactory
from tests.grocery.factories import make_grocery, orient

pytestmark = pytest.mark.django_db


def test_only_the_till_and_managers_follow_the_day(django_user_model):
    volunteer, manager = UserFactory(), UserFactory()
    grocery = make_grocery(volunteers=[volunteer], managers=[manager])
    feed = get_feed(feeds.DAY_FEED)
    assert feed.allows(volunteer, str(grocery.pk)) and feed.allows(manager, str(grocery.pk))
    assert not feed.allows(UserFactory(), str(grocery.pk))
    assert not feed.allows(UserFactory(staff=True), str(grocery.pk))
    assert not feed.allows(volunteer, "abc")


def test_a_booking_and_a_visit_push_a_hint_after_commit(monkeypatch, django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr(realtime, "push_feed_event", lambda *args: sent.append(args))
    volunteer = UserFactory()
    grocery = make_grocery(volunteers=[volunteer])
    orientation, _code = orient(grocery)
    with django_capture_on_commit_callbacks(execute=True):
        start = next(s for s in slots.slots(grocery) if s.bookable).start
        slots.book(household=orientation.household, start=start)
        services.record_visit(by=volunteer, grocery=grocery, household=orientation.household, amount=100)
    key = str(grocery.pk)
    assert sent == [(feeds.DAY_FEED, key, "slots", {}), (feeds.DAY_FEED, key, "visits", {})]


def test_the_day_page_subscribes_and_shows_codes_ends_only(client):
    volunteer = UserFactory()
    grocery = make_grocery(volunteers=[volunteer])
    client.force_login(volunteer)
    page = client.get(reverse("grocery:day", args=[grocery.slug])).content.decode()
    assert f'data-live-feed="grocery-day" data-live-key="{grocery.pk}"' in page
    assert "grocery/day.js" in page
