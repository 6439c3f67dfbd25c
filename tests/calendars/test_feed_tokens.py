"""One table of personal calendar addresses: made, renewed, revoked and read the same way for every feed."""

from django.urls import reverse

from solidarite.accounts.personal_data import export_personal_data
from solidarite.accounts.services import erase_account
from solidarite.calendars import services as calendars
from solidarite.calendars.models import FeedToken
from tests.factories import UserFactory

Feed = calendars.Feed


def test_a_person_has_one_address_per_feed_made_once(db):
    person = UserFactory()
    rooms = calendars.ensure(person, Feed.ROOMS)
    assert calendars.ensure(person, Feed.ROOMS) == rooms
    assert calendars.ensure(person, Feed.REPAIRS).token != rooms.token
    assert FeedToken.objects.filter(user=person).count() == 2


def test_renewing_revokes_the_old_address_and_keeps_the_other_feeds(db):
    person = UserFactory()
    old = calendars.ensure(person, Feed.ROOMS).token
    repairs = calendars.ensure(person, Feed.REPAIRS).token
    new = calendars.renew(person, Feed.ROOMS).token
    assert new != old
    assert calendars.owner(old, Feed.ROOMS) is None
    assert calendars.owner(new, Feed.ROOMS) == person
    assert calendars.owner(repairs, Feed.REPAIRS) == person
    calendars.revoke(person, Feed.ROOMS)
    assert calendars.owner(new, Feed.ROOMS) is None and calendars.current(person, Feed.ROOMS) is None


def test_an_address_opens_only_its_own_feed_and_only_for_an_active_account(db):
    person = UserFactory()
    token = calendars.ensure(person, Feed.RIGHTS).token
    assert calendars.owner(token, Feed.ROOMS) is None
    person.is_active = False
    person.save()
    assert calendars.owner(token, Feed.RIGHTS) is None


def test_export_names_the_feeds_and_erasure_deletes_every_address(db, client):
    person = UserFactory()
    token = calendars.ensure(person, Feed.REPAIRS).token
    calendars.ensure(person, Feed.ROOMS)
    assert export_personal_data(person)["calendriers"] == {
        "calendriers_prives": ["repair cafés", "réservations de salles"]
    }
    erase_account(user=person)
    assert not FeedToken.objects.exists()
    assert client.get(reverse("repairs:feed", args=[token])).status_code == 404
