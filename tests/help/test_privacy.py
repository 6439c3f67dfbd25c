"""A neighbour's exact point, e-mail and phone never reach anyone else, except the contacts they
chose to share, once a match is accepted, to that match's other side."""

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from solidarite.help import matches
from solidarite.notifications.models import Notification
from tests.help.factories import HOME, printed

pytestmark = pytest.mark.django_db

SECRET_POINT = printed(HOME)


def secrets_of(user):
    return [user.email, user.phone, *SECRET_POINT]


def pages_seen_by(user, client, match):
    urls = [
        reverse("help:feed"),
        reverse("help:offer_feed"),
        reverse("help:request", args=[match.request_id]),
        reverse("help:offer", args=[match.offer_id]),
        reverse("help:match", args=[match.pk]),
        reverse("help:my_posts"),
        reverse("notifications:list"),
    ]
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    api_urls = [
        "/api/v1/help/requests/",
        f"/api/v1/help/requests/{match.request_id}/",
        "/api/v1/help/offers/",
        f"/api/v1/help/offers/{match.offer_id}/",
        "/api/v1/help/matches/",
        f"/api/v1/help/matches/{match.pk}/",
        "/api/v1/notifications/",
    ]
    bodies = [client.get(u).content.decode() for u in urls]
    bodies += [api.get(u).content.decode() for u in api_urls]
    if user is not None:
        bodies += [json.dumps(list(Notification.objects.filter(user=user).values("title", "body", "data")))]
    return "\n".join(bodies)


def test_the_scan_looks_for_the_point_printed_either_way():
    """A leak formatted the French way (47,196123) must fail these tests as surely as 47.196123."""
    assert {"47.196123", "47,196123", "-1.547331", "-1,547331"} <= set(SECRET_POINT)


def test_nothing_private_reaches_visitors_third_parties_or_the_helper_before_acceptance(
    matched, requester, offerer, third, client, client_for
):
    seen = {
        "visitor": pages_seen_by(None, client, matched),
        "third": pages_seen_by(third, client_for(third), matched),
        "offerer": pages_seen_by(offerer, client_for(offerer), matched),
    }
    assert "Bricolage" in seen["visitor"]  # the scan does read real pages
    for who, body in seen.items():
        for secret in secrets_of(requester):
            assert secret not in body, f"{secret} seen by {who}"
    for secret in secrets_of(offerer)[:2]:
        assert secret not in seen["third"] and secret not in seen["visitor"]


def test_after_acceptance_only_the_other_side_sees_the_shared_contacts(
    accepted, requester, offerer, third, client, client_for
):
    to_offerer = pages_seen_by(offerer, client_for(offerer), accepted)
    assert requester.phone in to_offerer and requester.email in to_offerer
    for secret in SECRET_POINT:
        assert secret not in to_offerer
    to_third = pages_seen_by(third, client_for(third), accepted)
    for secret in secrets_of(requester) + secrets_of(offerer)[:2]:
        assert secret not in to_third


def test_contacts_not_chosen_for_sharing_stay_private(accepted, requester, offerer, client_for):
    requester.share_phone = False
    requester.share_email = False
    requester.save()
    to_offerer = pages_seen_by(offerer, client_for(offerer), accepted)
    assert requester.phone not in to_offerer and requester.email not in to_offerer


def test_the_resident_of_a_mediators_request_stays_between_mediator_and_accepted_helper(
    offerer, third, client_for, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory
    from tests.help.factories import make_offer, make_request
    from tests.rights.factories import make_mandate

    mediator = UserFactory(mediator=True)
    with django_capture_on_commit_callbacks(execute=True):
        make_offer(offerer)
    with django_capture_on_commit_callbacks(execute=True):
        post = make_request(mediator, mandate=make_mandate(mediator))
    match = post.matches.get()
    for user in (offerer, third):
        body = pages_seen_by(user, client_for(user), match)
        assert "Durand" not in body and "02 40 11 22 33" not in body
    matches.transition(match=match, by=offerer, name="offer_help")
    matches.transition(match=match, by=mediator, name="accept")
    assert "02 40 11 22 33" in pages_seen_by(offerer, client_for(offerer), match)
    assert "Durand" not in pages_seen_by(third, client_for(third), match)
