from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from solidarite.help import checks, conversations, expiry, matches
from solidarite.help.models import HelpOffer, HelpRequest, Match, MatchTransition, Message
from solidarite.notifications.models import Notification
from tests.factories import UserFactory
from tests.help.factories import make_offer, make_request
from tests.rights.factories import make_mandate

pytestmark = pytest.mark.django_db


def test_the_match_goes_proposed_offered_accepted_done_with_a_log(matched, requester, offerer):
    matches.transition(match=matched, by=offerer, name="offer_help")
    matches.transition(match=matched, by=requester, name="accept")
    assert HelpRequest.objects.get().status == "matched"
    matches.transition(match=matched, by=requester, name="mark_done", thanks="Merci Yann !")
    matched.refresh_from_db()
    assert matched.status == "done" and matched.thanks == "Merci Yann !"
    assert HelpRequest.objects.get().status == "done"
    log = list(MatchTransition.objects.values_list("name", "from_state", "to_state", "by"))
    assert log == [
        ("offer_help", "proposed", "offered", offerer.pk),
        ("accept", "offered", "accepted", requester.pk),
        ("mark_done", "accepted", "done", requester.pk),
    ]
    assert Notification.objects.filter(user=offerer, kind="help.match_done", body="Merci Yann !").exists()


@pytest.mark.parametrize(
    ("name", "wrong"),
    [("offer_help", "requester"), ("accept", "offerer"), ("accept", "third"), ("decline", "offerer")],
)
def test_transitions_refuse_the_wrong_person_and_change_nothing(matched, name, wrong, request):
    if name in ("accept", "decline"):
        matches.transition(match=matched, by=matched.offer.author, name="offer_help")
    before = Match.objects.get().status
    with pytest.raises(PermissionDenied):
        matches.transition(match=matched, by=request.getfixturevalue(wrong), name=name)
    assert Match.objects.get().status == before


def test_a_transition_from_the_wrong_state_is_refused(matched, requester):
    with pytest.raises(ValidationError):
        matches.transition(match=matched, by=requester, name="accept")  # not offered yet
    assert Match.objects.get().status == "proposed"


def test_a_request_accepts_only_one_helper(requester, offerer, django_capture_on_commit_callbacks):
    second = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        make_offer(offerer)
        make_offer(second)
    with django_capture_on_commit_callbacks(execute=True):
        make_request(requester)
    one, two = Match.objects.order_by("id")
    for match in (one, two):
        matches.transition(match=match, by=match.offer.author, name="offer_help")
    matches.transition(match=one, by=requester, name="accept")
    with pytest.raises(ValidationError):
        matches.transition(match=two, by=requester, name="accept")
    matches.transition(match=one, by=offerer if one.offer.author == offerer else second, name="withdraw")
    assert HelpRequest.objects.get().status == "open"


def test_contacts_are_shared_only_after_acceptance_and_only_with_the_other_side(matched, requester, offerer, third):
    assert matches.contacts_for(matched, offerer) == []
    matches.transition(match=matched, by=offerer, name="offer_help")
    assert matches.contacts_for(matched, requester) == []
    matches.transition(match=matched, by=requester, name="accept")
    seen_by_offerer = dict(matches.contacts_for(matched, offerer))
    assert seen_by_offerer["Téléphone"] == requester.phone and seen_by_offerer["E-mail"] == requester.email
    assert dict(matches.contacts_for(matched, requester))["Téléphone"] == offerer.phone
    assert matches.contacts_for(matched, third) == []


def test_a_mediators_request_shows_the_resident_to_the_accepted_helper_only(
    offerer, django_capture_on_commit_callbacks
):
    mediator = UserFactory(mediator=True)
    with django_capture_on_commit_callbacks(execute=True):
        make_offer(offerer)
    with django_capture_on_commit_callbacks(execute=True):
        make_request(mediator, mandate=make_mandate(mediator))
    match = Match.objects.get()
    matches.transition(match=match, by=offerer, name="offer_help")
    assert "Mme Durand" not in str(matches.contacts_for(match, offerer))
    matches.transition(match=match, by=mediator, name="accept")
    contacts = dict(matches.contacts_for(match, offerer))
    assert contacts["Personne aidée"] == "Mme Durand" and contacts["Son téléphone"] == "02 40 11 22 33"


def test_messages_need_an_accepted_match_and_a_side(matched, requester, offerer, third):
    with pytest.raises(ValidationError):
        conversations.send_message(match=matched, by=requester, body="Bonjour")
    matches.transition(match=matched, by=offerer, name="offer_help")
    matches.transition(match=matched, by=requester, name="accept")
    with pytest.raises(PermissionDenied):
        conversations.send_message(match=matched, by=third, body="Je m'invite")
    with pytest.raises(ValidationError):
        conversations.send_message(match=matched, by=requester, body="   ")
    with pytest.raises(ValidationError):
        conversations.send_message(match=matched, by=requester, body="x" * 2001)
    conversations.send_message(match=matched, by=requester, body="Bonjour, samedi 10 h ?")
    assert list(Message.objects.values_list("body", flat=True)) == ["Bonjour, samedi 10 h ?"]
    assert Notification.objects.filter(user=offerer, kind="help.message").exists()


def test_a_flood_of_messages_is_refused(accepted, requester, settings):
    settings.HELP_MESSAGES_PER_10_MIN = 3
    for i in range(3):
        conversations.send_message(match=accepted, by=requester, body=f"Message {i}")
    with pytest.raises(checks.RateLimited, match="patienter"):
        conversations.send_message(match=accepted, by=requester, body="Encore un")
    assert Message.objects.count() == 3


def test_requests_expire_at_the_end_of_their_window(requester, offerer, matched):
    HelpRequest.objects.update(
        window_start=timezone.now() - timedelta(hours=2), window_end=timezone.now() - timedelta(minutes=1)
    )
    call_command("expire_help_posts")
    assert HelpRequest.objects.get().status == "expired"
    assert Match.objects.get().status == "withdrawn"


def test_a_request_past_its_window_is_expired_when_read(requester, client):
    post = make_request(requester)
    HelpRequest.objects.update(
        window_start=timezone.now() - timedelta(hours=2), window_end=timezone.now() - timedelta(minutes=1)
    )
    post.refresh_from_db()
    expiry.expire_request_if_due(post)
    assert HelpRequest.objects.get().status == "expired"


def test_offers_end_after_their_last_day_and_warn_the_day_before(offerer):
    tomorrow = timezone.localdate() + timedelta(days=1)
    ending = make_offer(offerer, available_until=tomorrow)
    gone = make_offer(offerer)
    HelpOffer.objects.filter(pk=gone.pk).update(available_until=timezone.localdate() - timedelta(days=1))
    counts = expiry.expire_posts()
    assert counts == {"requests": 0, "offers": 1, "warned": 1}
    assert HelpOffer.objects.get(pk=gone.pk).status == "expired"
    assert Notification.objects.filter(user=offerer, kind="help.offer_expiring").count() == 1
    assert expiry.expire_posts()["warned"] == 0  # warned once
    assert HelpOffer.objects.get(pk=ending.pk).status == "open"
