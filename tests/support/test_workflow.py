import pytest
from django.core.exceptions import PermissionDenied

from associations.support import drafting, review
from associations.support.models import SupportRequest, Transition
from associations.support.workflow import SupportError
from tests.factories import UserFactory
from tests.support.factories import SupportRequestFactory


def test_a_complete_draft_is_submitted_and_the_step_is_logged(draft, manager):
    review.transition(support_request=draft, name="submit", by=manager)
    draft.refresh_from_db()
    assert draft.state == "submitted"
    assert draft.submitted_at is not None and draft.waiting_since is not None
    step = Transition.objects.get(request=draft)
    assert (step.name, step.from_state, step.to_state, step.by, step.by_city) == (
        "submit",
        "draft",
        "submitted",
        manager,
        False,
    )


def test_an_incomplete_draft_cannot_be_submitted_and_says_what_is_missing(draft, manager):
    SupportRequest.objects.filter(pk=draft.pk).update(amount_requested=None, description="")
    draft.refresh_from_db()
    with pytest.raises(SupportError) as error:
        review.transition(support_request=draft, name="submit", by=manager)
    assert "le montant demandé" in error.value.messages[0] and "la description" in error.value.messages[0]
    draft.refresh_from_db()
    assert draft.state == "draft" and not Transition.objects.exists()


@pytest.mark.parametrize(
    ("state", "name"),
    [
        ("draft", "refuse"),
        ("draft", "start_review"),
        ("granted", "refuse"),
        ("refused", "ask_info"),
        ("closed", "start_review"),
        ("in_review", "start_review"),
    ],
)
def test_a_step_from_a_wrong_state_is_refused_in_french_and_changes_nothing(
    association, manager, reviewer, state, name
):
    support_request = SupportRequestFactory(association=association, state=state)
    with pytest.raises(SupportError) as error:
        review.transition(support_request=support_request, name=name, by=reviewer, reason="Motif")
    assert "Impossible de" in error.value.messages[0]
    support_request.refresh_from_db()
    assert support_request.state == state
    assert not Transition.objects.exists()


def test_a_manager_cannot_take_a_staff_step(in_review, manager):
    with pytest.raises(PermissionDenied, match="agent·es de la ville"):
        review.transition(support_request=in_review, name="refuse", by=manager, reason="Non")
    in_review.refresh_from_db()
    assert in_review.state == "in_review"


def test_staff_cannot_submit_for_the_association(draft, reviewer):
    with pytest.raises(PermissionDenied, match="responsables de l'association"):
        review.transition(support_request=draft, name="submit", by=reviewer)


def test_someone_else_cannot_edit_or_submit(draft):
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        drafting.update_request(support_request=draft, by=stranger, title="Autre chose")
    with pytest.raises(PermissionDenied):
        review.transition(support_request=draft, name="submit", by=stranger)
    draft.refresh_from_db()
    assert draft.title != "Autre chose" and draft.state == "draft"


def test_a_suspended_manager_cannot_write(draft, manager):
    from django.utils import timezone

    manager.suspended_at = timezone.now()
    manager.save()
    with pytest.raises(PermissionDenied):
        review.transition(support_request=draft, name="submit", by=manager)


def test_refusing_needs_a_reason(in_review, reviewer):
    with pytest.raises(SupportError, match="motif"):
        review.transition(support_request=in_review, name="refuse", by=reviewer, reason="  ")
    review.transition(support_request=in_review, name="refuse", by=reviewer, reason="Hors du champ de l'aide.")
    in_review.refresh_from_db()
    assert in_review.state == "refused" and in_review.waiting_since is None
    assert in_review.transitions.get().reason == "Hors du champ de l'aide."


def test_asking_for_more_sends_it_back_and_the_answer_returns_it_to_review(in_review, manager, reviewer):
    review.transition(support_request=in_review, name="ask_info", by=reviewer, reason="Joignez le devis.")
    in_review.refresh_from_db()
    assert in_review.state == "needs_info" and in_review.is_editable
    drafting.update_request(support_request=in_review, by=manager, description="Avec le devis du traiteur.")
    review.transition(support_request=in_review, name="resubmit", by=manager)
    in_review.refresh_from_db()
    assert in_review.state == "in_review"
    assert list(in_review.transitions.values_list("name", flat=True)) == ["ask_info", "resubmit"]


def test_a_decided_request_cannot_be_edited(association, manager):
    decided = SupportRequestFactory(association=association, state="refused")
    with pytest.raises(SupportError, match="ne peut plus être modifiée"):
        drafting.update_request(support_request=decided, by=manager, title="Nouveau titre")
    decided.refresh_from_db()
    assert decided.title != "Nouveau titre"


def test_starting_the_review_assigns_the_reviewer(association, reviewer):
    submitted = SupportRequestFactory(association=association, state="submitted")
    review.transition(support_request=submitted, name="start_review", by=reviewer)
    submitted.refresh_from_db()
    assert submitted.state == "in_review" and submitted.reviewer == reviewer


@pytest.mark.parametrize("amount", ["-10", "abc", "1e400", "12.345", "99999999999"])
def test_negative_or_absurd_amounts_are_refused(association, manager, amount):
    with pytest.raises(SupportError):
        drafting.create_request(association=association, by=manager, title="Fête", amount_requested=amount)
    assert not SupportRequest.objects.exists()


def test_asking_more_than_the_action_budget_is_refused(association, manager):
    with pytest.raises(SupportError, match="dépasse le budget"):
        drafting.create_request(
            association=association, by=manager, title="Fête", amount_requested="900", action_budget="500"
        )


def test_the_share_asked_is_computed_from_the_budget(draft):
    assert str(draft.share_asked) == "0.2500"


def test_withdrawing_closes_the_request(association, manager):
    submitted = SupportRequestFactory(association=association, state="submitted")
    review.transition(support_request=submitted, name="withdraw", by=manager, reason="Action annulée")
    submitted.refresh_from_db()
    assert submitted.state == "closed"
