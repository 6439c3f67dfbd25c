"""The life cycles of help are declared once (``help.workflow``): services, pages and the API ask it."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from solidarite.help import checks, offers, reporting
from solidarite.help.models import HelpOffer, HelpRequest, Report
from solidarite.help.workflow import MATCH, REQUEST
from tests.help.factories import make_offer, make_request

pytestmark = pytest.mark.django_db

TEMPLATES = Path(checks.__file__).parent / "templates"


def test_system_steps_are_never_offered_to_a_person(user):
    post = make_request(user)
    assert [step.name for step in REQUEST.available(post, user)] == ["edit", "close"]
    with pytest.raises(PermissionDenied):
        REQUEST.check(post, "expire", user)


@pytest.mark.parametrize(
    ("status", "buttons"),
    [("open", ["pause", "fermer"]), ("paused", ["reprendre", "fermer"]), ("closed", []), ("hidden", [])],
)
def test_the_offer_page_shows_the_steps_the_machine_allows_and_only_to_its_author(
    user, other_user, client_for, status, buttons
):
    offer = make_offer(user)
    HelpOffer.objects.filter(pk=offer.pk).update(status=status)
    html = client_for(user).get(reverse("help:offer", args=[offer.pk])).content.decode()
    urls = [reverse("help:offer_status", args=[offer.pk, name]) for name in ("pause", "reprendre", "fermer")]
    shown = [url.rstrip("/").rsplit("/", 1)[-1] for url in urls if url in html]
    assert sorted(shown) == sorted(buttons)
    if status == "open":
        other = client_for(other_user).get(reverse("help:offer", args=[offer.pk])).content.decode()
        assert not any(url in other for url in urls)


def test_a_step_the_state_does_not_allow_is_refused_by_page_and_api(user, client_for):
    offer = make_offer(user)
    response = client_for(user).post(reverse("help:offer_status", args=[offer.pk, "reprendre"]), follow=True)
    assert "ne peut pas passer à cet état" in response.content.decode()
    api = APIClient()
    api.force_authenticate(user)
    assert api.post(f"/api/v1/help/offers/{offer.pk}/resume/").status_code == 400
    assert HelpOffer.objects.get().status == "open"
    with pytest.raises(ValidationError):
        offers.offer_transition(offer=offer, by=user, name="resume")


def test_the_api_lists_the_match_steps_the_machine_allows(matched, requester, offerer):
    for person in (requester, offerer):
        api = APIClient()
        api.force_authenticate(person)
        body = api.get(f"/api/v1/help/matches/{matched.pk}/").json()
        assert body["transitions"] == MATCH.names(matched, person)
    assert MATCH.names(matched, offerer) == ["offer_help", "withdraw"]
    assert MATCH.names(matched, requester) == ["decline", "withdraw"]


def test_a_second_report_on_a_hidden_post_is_settled_without_error(requester, third, staff):
    post = make_request(requester)
    first = reporting.report(by=third, target=post, reason="spam")
    second = reporting.report(by=staff, target=post, reason="spam")
    reporting.moderate(report=first, by=staff, action="hide")
    reporting.moderate(report=second, by=staff, action="hide")
    assert HelpRequest.objects.get().status == "hidden"
    assert Report.objects.filter(status="hidden").count() == 2
