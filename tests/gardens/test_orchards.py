"""Orchards: people follow one and are told, once, when its fruit is ripe; actions are linked as work days."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from solidarite.gardens import orchards
from solidarite.gardens.models import Follow, Ripeness
from solidarite.notifications.models import Notification
from tests.directory.factories import ActionFactory, AssociationFactory, make_manager
from tests.factories import UserFactory
from tests.gardens.factories import make_garden, make_orchard, staff

pytestmark = pytest.mark.django_db


def test_followers_are_told_the_apples_are_ripe_once_a_week(django_capture_on_commit_callbacks):
    orchard = make_orchard()
    followers = [UserFactory() for _ in range(3)]
    for person in followers:
        orchards.follow(by=person, orchard=orchard)
    orchards.follow(by=followers[0], orchard=orchard)  # twice: still one follow
    bystander = UserFactory()

    with django_capture_on_commit_callbacks(execute=False) as pushes:
        orchards.announce_ripe(by=staff(), orchard=orchard, fruit="pommes")

    titles = set(Notification.objects.filter(kind="gardens.fruit_ripe").values_list("title", flat=True))
    assert titles == {"Les pommes sont mûres au Verger de la Houssais"}
    assert Notification.objects.filter(kind="gardens.fruit_ripe").count() == 3
    assert not Notification.objects.filter(user=bystander).exists()
    assert len(pushes) == 1  # one push for the whole announcement
    with pytest.raises(ValidationError, match="déjà annoncé"):
        orchards.announce_ripe(by=staff(), orchard=orchard, fruit="pommes")
    assert Ripeness.objects.count() == 1 and Follow.objects.count() == 3


def test_only_the_orchard_s_managers_announce_a_fruit_it_has():
    orchard = make_orchard()
    with pytest.raises(PermissionDenied):
        orchards.announce_ripe(by=UserFactory(), orchard=orchard, fruit="pommes")
    with pytest.raises(ValidationError):
        orchards.announce_ripe(by=staff(), orchard=orchard, fruit="bananes")
    assert not Ripeness.objects.exists()


def test_unfollowing_stops_the_notices():
    orchard = make_orchard()
    person = UserFactory()
    orchards.follow(by=person, orchard=orchard)
    orchards.unfollow(by=person, orchard=orchard)
    orchards.announce_ripe(by=staff(), orchard=orchard, fruit="pommes")
    assert not Notification.objects.filter(user=person).exists()


def test_an_association_links_its_own_actions_as_work_days_only():
    association = AssociationFactory()
    manager = make_manager(association)
    garden = make_garden(association=association)
    own = ActionFactory(association=association)
    other = ActionFactory(association=AssociationFactory())

    orchards.link_action(by=manager, place=garden, action=own)
    with pytest.raises(ValidationError):
        orchards.link_action(by=manager, place=garden, action=other)
    with pytest.raises(PermissionDenied):
        orchards.link_action(by=UserFactory(), place=garden, action=own)
    assert list(garden.actions.all()) == [own]
