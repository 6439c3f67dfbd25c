"""A match is unique per request × offer, even when two matchings race on real connections."""

import pytest

from solidarite.help import alerts, matching
from solidarite.help.models import Match
from solidarite.notifications.models import Notification
from tests.concurrency import race
from tests.factories import UserFactory
from tests.help.factories import make_offer, make_request

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_same_pair_matched_concurrently_gives_one_match():
    offer = make_offer(UserFactory())
    help_request = make_request(UserFactory())  # autocommit: matching already ran once
    Match.objects.all().delete()
    candidate = matching.offers_for(help_request)[0]
    # Skip the cheap existence check so every thread really reaches the INSERT.
    outcomes = race([lambda: matching.create_match(candidate, check_first=False)] * 4)

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert sum(1 for o in outcomes if o is not None) == 1
    assert Match.objects.filter(request=help_request, offer=offer).count() == 1


def test_posting_a_request_and_an_offer_at_once_matches_them_once():
    requester, offerer = UserFactory(), UserFactory()
    help_request = make_request(requester)
    offer = make_offer(offerer)  # matched already by the offer's own matching
    Match.objects.all().delete()
    Notification.objects.all().delete()
    outcomes = race(
        [lambda: alerts.match_request(help_request=help_request), lambda: alerts.match_offer(offer_id=offer.pk)]
    )

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert Match.objects.filter(request=help_request, offer=offer).count() == 1
    # One matching made the pair and announced it; the other found it made and said nothing.
    assert sorted(len(made) for made in outcomes) == [0, 1], outcomes
    assert Notification.objects.filter(user=requester).count() == 1
    assert Notification.objects.filter(user=offerer).count() == 1
