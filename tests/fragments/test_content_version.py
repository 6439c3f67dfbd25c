"""The database renews a list area's token on every write to what its lists show, by any path."""

import pytest
from django.db import transaction
from django.utils import timezone

from associations.directory.models import Action, Association
from solidarite.fragments.cache import HELP, LISTINGS, current_token
from solidarite.help.models import HelpRequest
from solidarite.notifications.models import Notification
from solidarite.places.models import Quartier
from solidarite.shops.models import Shop
from tests.directory.factories import ActionFactory, AssociationFactory
from tests.factories import UserFactory
from tests.help.factories import make_offer, make_request
from tests.shops.factories import InitiativeFactory, ShopFactory

pytestmark = pytest.mark.django_db


def tokens():
    return current_token(HELP), current_token(LISTINGS)


def renews(area, write):
    before = current_token(area)
    write()
    return current_token(area) != before


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda: AssociationFactory(), id="association created"),
        pytest.param(lambda: Association.objects.update(purpose="Autre chose"), id="associations updated in bulk"),
        pytest.param(lambda: Action.objects.all().delete(), id="actions deleted"),
        pytest.param(lambda: Association.objects.first().tags.add("jardin"), id="association tagged"),
        pytest.param(lambda: Shop.objects.update(opening_hours="24/7"), id="shop hours updated in bulk"),
        pytest.param(lambda: InitiativeFactory(), id="initiative created"),
        pytest.param(lambda: Quartier.objects.filter(pk=1).update(name="Le Château"), id="quartier renamed"),
    ],
)
def test_a_listed_write_renews_the_listings_token(write):
    ActionFactory()
    ShopFactory()
    assert renews(LISTINGS, write)


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda author: make_request(author), id="request posted"),
        pytest.param(lambda author: make_offer(author), id="offer posted"),
        pytest.param(
            lambda author: HelpRequest.objects.update(window_end=timezone.now()), id="requests updated in bulk"
        ),
        pytest.param(lambda author: HelpRequest.objects.all().delete(), id="requests deleted"),
        pytest.param(lambda author: author.__class__.objects.update(display_name="Léa"), id="author renamed"),
        pytest.param(lambda author: Quartier.objects.filter(pk=1).update(name="Le Château"), id="quartier renamed"),
    ],
)
def test_a_help_write_renews_the_help_token(write):
    author = UserFactory(display_name="Hélène")
    make_request(author)
    assert renews(HELP, lambda: write(author))


def test_what_no_list_shows_keeps_the_tokens():
    user = UserFactory(display_name="Hélène")
    before = tokens()
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    user.save()  # every column written, the name unchanged
    Notification.objects.create(user=user, kind="profile_updated", title="Profil mis à jour")
    assert tokens() == before


def test_renaming_someone_without_a_help_post_keeps_the_help_token():
    make_request(UserFactory(display_name="Hélène"))
    neighbour = UserFactory(display_name="Yann")
    assert not renews(HELP, lambda: neighbour.__class__.objects.filter(pk=neighbour.pk).update(display_name="Yannick"))


def test_each_area_keeps_its_token_when_the_other_changes():
    author = UserFactory()
    listings = current_token(LISTINGS)
    make_request(author)  # no tags: nothing the listings read
    assert current_token(LISTINGS) == listings
    help_token = current_token(HELP)
    ShopFactory()
    assert current_token(HELP) == help_token


def test_a_rolled_back_write_leaves_the_token():
    before = current_token(LISTINGS)
    with pytest.raises(RuntimeError), transaction.atomic():
        AssociationFactory()
        assert current_token(LISTINGS) != before  # the writing transaction sees its own token
        raise RuntimeError
    assert current_token(LISTINGS) == before
