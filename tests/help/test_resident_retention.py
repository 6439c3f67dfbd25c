"""Issue 13, item 3: a resident's name and phone, entered by a mediator, are purged a month after
the request ends (closed, expired, done, hidden; or its window passed while "matched"), by the
scheduled ``expire_help_posts``, and the privacy page says so."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from solidarite.help import expiry, matches, requests
from solidarite.help.models import HelpRequest
from solidarite.help.retention import RESIDENT_GRACE_DAYS, purge_resident_details
from tests.factories import UserFactory
from tests.help.factories import make_offer, make_request
from tests.rights.factories import make_mandate

pytestmark = pytest.mark.django_db


def resident(mediator) -> dict:
    """Post under the mediator's mandate for Mme Durand (one mandate, several requests)."""
    from solidarite.rights.models import Mandate

    mandate = Mandate.objects.of_mediator(mediator).active().first() or make_mandate(mediator)
    return {"mandate": mandate}


def _run_the_schedule(at):
    """What ``expire_help_posts`` does, at a given moment."""
    expiry.expire_posts(now=at)
    purge_resident_details(now=at)


def _resident_of(post):
    post.refresh_from_db()
    return post.resident_name, post.resident_phone


def test_every_way_a_request_ends_purges_its_resident_a_month_later(django_capture_on_commit_callbacks):
    mediator, offerer = UserFactory(mediator=True), UserFactory()
    start = timezone.now()
    closed = make_request(mediator, **resident(mediator))
    requests.close_request(help_request=closed, by=mediator)
    expired = make_request(mediator, days=2, **resident(mediator))  # ends by the schedule, two days on
    with django_capture_on_commit_callbacks(execute=True):
        make_offer(offerer)
    with django_capture_on_commit_callbacks(execute=True):
        done = make_request(mediator, slug="bricolage", **resident(mediator))
    match = done.matches.get()
    matches.transition(match=match, by=offerer, name="offer_help")
    matches.transition(match=match, by=mediator, name="accept")
    matched = make_request(mediator, days=3, slug="jardinage", **resident(mediator))  # accepted, never marked done
    HelpRequest.objects.filter(pk=matched.pk).update(status=HelpRequest.Status.MATCHED)
    matches.transition(match=match, by=mediator, name="mark_done")
    still_open = make_request(mediator, days=60, **resident(mediator))

    _run_the_schedule(start + timedelta(days=3))  # expires ``expired``; nothing purged yet
    assert HelpRequest.objects.get(pk=expired.pk).status == HelpRequest.Status.EXPIRED
    for post in (closed, expired, done, matched, still_open):
        assert _resident_of(post) == ("Mme Durand", "02 40 11 22 33")

    _run_the_schedule(start + timedelta(days=RESIDENT_GRACE_DAYS - 1))  # not a month yet for any
    assert _resident_of(closed) == ("Mme Durand", "02 40 11 22 33")

    _run_the_schedule(start + timedelta(days=RESIDENT_GRACE_DAYS + 4))
    for post in (closed, expired, done, matched):
        assert _resident_of(post) == ("", ""), post.status
    assert _resident_of(still_open) == ("Mme Durand", "02 40 11 22 33")  # still needs help
    assert HelpRequest.objects.get(pk=closed.pk).consent_recorded_at is not None  # the proof stays


def test_the_privacy_page_lists_residents_data_its_purpose_and_retention(client):
    html = client.get(reverse("privacy")).content.decode()
    assert "médiateur" in html and "le nom et le téléphone de la personne aidée" in html.lower()
    assert f"{RESIDENT_GRACE_DAYS} jours" in html


def test_the_scheduled_command_purges_and_says_how_many():
    mediator = UserFactory(mediator=True)
    post = make_request(mediator, **resident(mediator))
    requests.close_request(help_request=post, by=mediator)
    HelpRequest.objects.filter(pk=post.pk).update(updated_at=timezone.now() - timedelta(days=RESIDENT_GRACE_DAYS + 1))
    out = io.StringIO()
    call_command("expire_help_posts", stdout=out)
    assert "residents_purged=1" in out.getvalue()
    assert _resident_of(post) == ("", "")
