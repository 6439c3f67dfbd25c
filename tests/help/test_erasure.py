"""Issue 13, item 1: erasing an account ends every live thing it owned in neighbourhood help.

Before: a neighbour's open offer with a finished match stayed open after erasure (author NULL) and
kept matching; the next request in its category and area failed with an IntegrityError in
``notify_many`` (HTTP 500 through the form and the API alike).
"""

import contextlib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from solidarite.accounts.services import erase_account
from solidarite.help import matches
from solidarite.help.models import HelpOffer, HelpRequest, Match
from solidarite.notifications.models import Notification
from solidarite.notifications.services import notify, notify_many
from tests.factories import UserFactory
from tests.help.factories import NEAR, category, make_offer, make_request

# Who was in a match with an erased person is told, pending (withdrawn) or accepted alike.
GONE_KINDS = ["help.partner_gone", "help.pending_match_gone"]


def _helped_once(offerer, requester, commit=contextlib.nullcontext):
    """An open offer with a finished match: erasure keeps it (anonymised) for the helped person.

    ``commit``: what runs the after-commit matching (nothing to do in a transactional test)."""
    with commit():
        offer = make_offer(offerer)
    with commit():
        help_request = make_request(requester)
    match = help_request.matches.get()
    with commit():
        matches.transition(match=match, by=offerer, name="offer_help")
        matches.transition(match=match, by=requester, name="accept")
        matches.transition(match=match, by=requester, name="mark_done", thanks="Merci Zoé !")
    return offer


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_erasure_matching_requests_through_the_api_and_the_form_succeed_and_tell_nobody_about_them(
    client_for,
):
    zoe = UserFactory(display_name="Zoé R.")
    offer = _helped_once(zoe, UserFactory())
    erase_account(user=zoe)
    last = Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0

    now = timezone.now()
    api = APIClient()
    api.force_authenticate(UserFactory())
    response = api.post(
        "/api/v1/help/requests/",
        {
            "category": category().pk,
            "description": "Une étagère à fixer au mur du salon.",
            "latitude": NEAR.lat,
            "longitude": NEAR.lon,
            "window_start": now.isoformat(),
            "window_end": (now + timedelta(days=3)).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201
    response = client_for(UserFactory()).post(
        reverse("help:request_new"),
        {
            "category": category().pk,
            "description": "Un meuble à monter dans la chambre.",
            "quartier": "",
            "latitude": str(NEAR.lat),
            "longitude": str(NEAR.lon),
            "window_start": _local(now + timedelta(hours=1)),
            "window_end": _local(now + timedelta(days=3)),
            "urgency": "normal",
        },
    )
    assert response.status_code == 302
    assert HelpRequest.objects.filter(status=HelpRequest.Status.OPEN).count() == 2
    assert not Match.objects.filter(offer=offer, request__status=HelpRequest.Status.OPEN).exists()
    assert not Notification.objects.filter(id__gt=last).exists()
    offer.refresh_from_db()
    assert offer.author is None and offer.status == HelpOffer.Status.CLOSED


@pytest.mark.django_db
def test_erasure_closes_posts_withdraws_pending_matches_and_tells_the_other_side_without_the_name(
    django_capture_on_commit_callbacks, monkeypatch
):
    zoe = UserFactory(display_name="Zoé R.")
    helped, waiting, asker = UserFactory(), UserFactory(), UserFactory()
    offer = _helped_once(zoe, helped, lambda: django_capture_on_commit_callbacks(execute=True))
    with django_capture_on_commit_callbacks(execute=True):
        waiting_request = make_request(waiting)
    pending = waiting_request.matches.get()
    assert pending.offer == offer
    with django_capture_on_commit_callbacks(execute=True):
        matches.transition(match=pending, by=zoe, name="offer_help")
    with django_capture_on_commit_callbacks(execute=True):  # Zoé's own request, offered help by another
        make_offer(asker, point=NEAR)
        own_request = make_request(zoe, slug="bricolage")
    own_match = own_request.matches.get(offer__author=asker)

    pushed = []
    monkeypatch.setattr("solidarite.notifications.realtime.push_feed_event", lambda *args: pushed.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        erase_account(user=zoe)
    offer.refresh_from_db()
    assert offer.status == HelpOffer.Status.CLOSED
    assert not HelpRequest.objects.filter(pk=own_request.pk).exists()  # only hers: deleted
    assert Match.objects.get(pk=pending.pk).status == Match.Status.WITHDRAWN  # her offer is kept: so is its history
    assert not Match.objects.filter(pk=own_match.pk).exists()  # went with her request
    waiting_request.refresh_from_db()
    assert waiting_request.status == HelpRequest.Status.OPEN  # still theirs, still looking
    for person in (waiting, asker):
        assert Notification.objects.filter(user=person, kind__in=GONE_KINDS).count() == 1
    assert not Notification.objects.filter(user=helped, kind__in=GONE_KINDS).exists()  # nothing was live
    everything = " ".join(f"{n.title} {n.body}" for n in Notification.objects.exclude(user=zoe))
    assert "Zoé" not in everything
    # The live pages (the waiting request's matches, the public map) were told too, without the name.
    assert {event for _feed, _key, event, _data in pushed} >= {"status", "removed"}
    assert "Zoé" not in repr(pushed)


@pytest.mark.django_db
def test_notify_many_leaves_out_people_who_no_longer_exist():
    kept, gone = UserFactory(), UserFactory()
    gone_copy = UserFactory.build(pk=gone.pk)
    gone.delete()
    rows = notify_many(
        [(None, "test", {"title": "a"}), (gone_copy, "test", {"title": "b"}), (kept, "test", {"title": "c"})]
    )
    assert [n.user_id for n in rows] == [kept.pk]
    assert notify(None, "test", {"title": "d"}) is None
    assert list(Notification.objects.values_list("title", flat=True)) == ["c"]


@pytest.mark.django_db
def test_matching_never_picks_a_post_without_author(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        orphan = make_offer(UserFactory())
    HelpOffer.objects.filter(pk=orphan.pk).update(author=None)  # however it came to be
    with django_capture_on_commit_callbacks(execute=True):
        help_request = make_request(UserFactory())
    assert not help_request.matches.exists()
    with django_capture_on_commit_callbacks(execute=True):
        orphan_request = make_request(UserFactory(), slug="jardinage")
    HelpRequest.objects.filter(pk=orphan_request.pk).update(author=None)
    with django_capture_on_commit_callbacks(execute=True):
        offer = make_offer(UserFactory(), slugs=("jardinage",))
    assert not offer.matches.exists()
