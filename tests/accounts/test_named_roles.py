"""Who is told and who may act, each computed once (issue 14): city staff to notify, an association's
managers to notify, the matches involving a person, the support requests awaiting a decision; and a
permission refusal is a 403 (never a 400) in support as in the directory."""

import pytest
from django.urls import reverse
from django.utils import timezone

from associations.directory import pages
from associations.support import review
from associations.support.models import SupportRequest
from solidarite.help.models import Match
from solidarite.notifications.models import Notification
from solidarite.shops import services as shops
from solidarite.shops.models import Shop
from tests.factories import UserFactory
from tests.help.factories import make_offer, make_request
from tests.shops.factories import VALID_SIRET
from tests.support.factories import AssociationFactory, SupportRequestFactory, manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    """An active agent, a suspended one and a deactivated one."""
    return {
        "active": UserFactory(staff=True),
        "suspended": UserFactory(staff=True, suspended_at=timezone.now()),
        "gone": UserFactory(staff=True, is_active=False),
    }


def told(person, kind) -> bool:
    return Notification.objects.filter(user=person, kind=kind).exists()


def test_suspended_or_deactivated_staff_are_not_told_of_a_new_shop(city):
    shops.create_shop(
        by=UserFactory(),
        name="Épicerie du Port",
        kind=Shop.Kind.FOOD,
        address="4 quai Léon-Sécher",
        opening_hours="Mo-Sa 09:00-19:00",
        siret=VALID_SIRET,
    )
    assert told(city["active"], "shops.claim")
    assert not told(city["suspended"], "shops.claim") and not told(city["gone"], "shops.claim")


def test_suspended_staff_are_not_told_of_a_support_request_nobody_reviews_yet(city, django_capture_on_commit_callbacks):
    association = AssociationFactory()
    manager = manager_of(association)
    draft = SupportRequestFactory(association=association, created_by=manager)
    with django_capture_on_commit_callbacks(execute=True):
        review.transition(support_request=draft, name="submit", by=manager)
    assert told(city["active"], "support.submit")
    assert not told(city["suspended"], "support.submit") and not told(city["gone"], "support.submit")


def test_the_reviewer_choices_leave_out_suspended_staff(city):
    from associations.support.forms import AssignForm

    choices = set(AssignForm().fields["reviewer"].queryset)
    assert city["active"] in choices and city["suspended"] not in choices and city["gone"] not in choices


def test_a_deactivated_manager_is_not_told_what_happens_to_the_association(city):
    association = AssociationFactory(status="pending")
    present, gone = manager_of(association), manager_of(association, UserFactory(is_active=False))
    pages.verify(association=association, by=city["active"])
    kinds = set(Notification.objects.filter(user=present).values_list("kind", flat=True))
    assert kinds and not Notification.objects.filter(user=gone).exists()
    assert set(association.managers_to_notify()) == {present}


def test_the_matches_involving_a_person_are_those_of_their_two_sides(
    user, other_user, django_capture_on_commit_callbacks
):
    third = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        make_offer(other_user)
        make_offer(third)
    with django_capture_on_commit_callbacks(execute=True):
        make_request(user)
    assert Match.objects.count() == 2
    match = Match.objects.get(offer__author=other_user)
    assert list(Match.objects.involving(user)) == list(Match.objects.filter(request__author=user))
    assert match in Match.objects.involving(other_user)
    assert match not in Match.objects.involving(third) and Match.objects.involving(third).count() == 1
    from django.contrib.auth.models import AnonymousUser

    assert not Match.objects.involving(AnonymousUser()).exists()


def test_awaiting_a_decision_means_submitted_and_not_decided():
    association = AssociationFactory()
    for state in SupportRequest.State.values:
        SupportRequestFactory(association=association, state=state)
    states = set(SupportRequest.objects.awaiting_decision().values_list("state", flat=True))
    assert states == {"submitted", "in_review", "needs_info"}


def test_a_support_step_by_the_wrong_person_is_a_403_on_the_page_and_in_the_api(client_for, city):
    association = AssociationFactory()
    manager = manager_of(association)
    in_review = SupportRequestFactory(association=association, created_by=manager, state="in_review")
    # A manager taking the city's step, and an agent taking the association's.
    for person, step in ((manager, "refuse"), (city["active"], "withdraw")):
        response = client_for(person).post(reverse("support:step", args=[in_review.pk, step]), {"reason": "Non"})
        assert response.status_code == 403
        response = client_for(person).post(
            f"/api/v1/support/requests/{in_review.pk}/transition/",
            {"name": step, "reason": "Non"},
            content_type="application/json",
        )
        assert response.status_code == 403 and "Seuls les" in response.json()["detail"]
    in_review.refresh_from_db()
    assert in_review.state == "in_review"
