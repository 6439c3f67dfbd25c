"""A match is unique per request × offer, even when two matchings race on real connections."""

import threading

import pytest
from django.db import connection, connections

from solidarite.help import matching, services
from solidarite.help.models import Match
from tests.factories import UserFactory
from tests.help.factories import make_offer, make_request

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_same_pair_matched_concurrently_gives_one_match():
    offer = make_offer(UserFactory())
    help_request = make_request(UserFactory())  # autocommit: matching already ran once
    Match.objects.all().delete()
    candidate = matching.offers_for(help_request)[0]
    barrier = threading.Barrier(4)
    results, errors = [], []

    def race():
        try:
            barrier.wait()
            # Skip the cheap existence check so every thread really reaches the INSERT.
            results.append(matching.create_match(candidate, check_first=False))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=race) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors
    assert sum(1 for r in results if r is not None) == 1
    assert Match.objects.filter(request=help_request, offer=offer).count() == 1


def test_posting_a_request_and_an_offer_at_once_matches_them_once():
    requester, offerer = UserFactory(), UserFactory()
    help_request = make_request(requester)
    offer = make_offer(offerer)  # matched already by the offer's own matching
    barrier = threading.Barrier(2)
    errors = []

    def rematch(fn, **kwargs):
        try:
            barrier.wait()
            fn(**kwargs)
        except Exception as error:  # pragma: no cover
            errors.append(error)
        finally:
            connections.close_all()

    Match.objects.all().delete()
    threads = [
        threading.Thread(target=rematch, args=(services.match_request,), kwargs={"help_request": help_request}),
        threading.Thread(target=rematch, args=(services.match_offer,), kwargs={"offer_id": offer.pk}),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors
    assert Match.objects.filter(request=help_request, offer=offer).count() == 1
    assert connection.vendor in ("sqlite", "postgresql")
