from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from associations.support import decisions
from associations.support.models import Grant, SupportRequest
from associations.support.workflow import SupportError
from tests.support.factories import EnvelopeFactory, SupportRequestFactory


def grant(support_request, reviewer, envelope, amount, **extra):
    return decisions.grant(
        support_request=support_request,
        by=reviewer,
        envelope=envelope,
        amount=amount,
        decision_reference="2026-DEL-042",
        **extra,
    )


def test_granting_takes_the_amount_from_the_envelope(in_review, reviewer, envelope):
    decision = grant(in_review, reviewer, envelope, Decimal("1200.00"), payment_start=timezone.localdate())
    envelope.refresh_from_db()
    in_review.refresh_from_db()
    assert envelope.granted == Decimal("1200.00") and envelope.remaining == Decimal("3800.00")
    assert in_review.state == "granted" and in_review.waiting_since is None
    assert decision.nature == Grant.Nature.MONEY and decision.decided_by == reviewer
    assert in_review.transitions.get().name == "grant"


def test_a_grant_that_would_overdraw_the_envelope_is_refused_and_changes_nothing(association, reviewer):
    envelope = EnvelopeFactory(amount=Decimal("1000.00"))
    first = SupportRequestFactory(association=association, state="in_review", amount_requested=Decimal("800.00"))
    second = SupportRequestFactory(association=association, state="in_review", amount_requested=Decimal("300.00"))
    grant(first, reviewer, envelope, Decimal("800.00"))
    with pytest.raises(SupportError) as error:
        grant(second, reviewer, envelope, Decimal("300.00"))
    assert "n'a plus que 200,00\xa0€ disponibles : impossible d'accorder 300,00\xa0€." in error.value.messages[0]
    envelope.refresh_from_db()
    second.refresh_from_db()
    assert envelope.granted == Decimal("800.00")
    assert second.state == "in_review" and not Grant.objects.filter(request=second).exists()


def test_granting_more_than_asked_needs_an_explicit_confirmation(in_review, reviewer, envelope):
    with pytest.raises(SupportError) as error:
        grant(in_review, reviewer, envelope, Decimal("1600.00"))
    assert "plus que les 1\xa0500,00\xa0€ demandés" in error.value.messages[0]
    envelope.refresh_from_db()
    assert envelope.granted == 0
    grant(in_review, reviewer, envelope, Decimal("1600.00"), confirm_above_request=True)
    envelope.refresh_from_db()
    assert envelope.granted == Decimal("1600.00")


@pytest.mark.parametrize("amount", ["-1", "0", "12.001", "nope", "20000000"])
def test_negative_zero_or_absurd_grants_are_refused(in_review, reviewer, envelope, amount):
    with pytest.raises(SupportError):
        grant(in_review, reviewer, envelope, amount)
    in_review.refresh_from_db()
    assert in_review.state == "in_review"


def test_a_draft_cannot_be_granted(draft, reviewer, envelope):
    with pytest.raises(SupportError, match="Seule une demande en instruction"):
        grant(draft, reviewer, envelope, Decimal("100"))
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_only_staff_grant(in_review, manager, envelope):
    with pytest.raises(PermissionDenied, match="agent·es"):
        grant(in_review, manager, envelope, Decimal("100"))


def test_the_envelope_must_match_the_kind_and_the_year(in_review, reviewer):
    room_envelope = EnvelopeFactory(kind="room")
    with pytest.raises(SupportError, match="pas prévue pour ce type"):
        grant(in_review, reviewer, room_envelope, Decimal("100"))
    last_year = EnvelopeFactory(year=timezone.localdate().year - 1)
    with pytest.raises(SupportError, match="pas de l'année de la décision"):
        grant(in_review, reviewer, last_year, Decimal("100"))


def test_money_needs_an_association_with_a_siret_or_rna(in_review, reviewer, envelope):
    association = in_review.association
    association.rna = ""
    association.siret = ""
    association.save()
    with pytest.raises(SupportError, match="ni SIRET ni numéro RNA"):
        grant(in_review, reviewer, envelope, Decimal("100"))


def test_lent_material_is_recorded_in_kind_with_its_value(association, reviewer):
    request = SupportRequestFactory(
        association=association,
        state="in_review",
        kind="material",
        amount_requested=None,
        in_kind_details="Dix tables et une sono",
    )
    material = EnvelopeFactory(kind="material", amount=Decimal("2000.00"))
    decision = decisions.grant(
        support_request=request,
        by=reviewer,
        envelope=material,
        in_kind_value="350,00",
        in_kind_description="Prêt de 10 tables et de la sono municipale",
        decision_reference="2026-MAT-7",
    )
    material.refresh_from_db()
    assert decision.nature == Grant.Nature.IN_KIND and decision.amount == 0
    assert decision.in_kind_value == Decimal("350.00") and material.granted == Decimal("350.00")
    assert SupportRequest.objects.get(pk=request.pk).state == "granted"


def test_an_in_kind_grant_needs_a_description(association, reviewer):
    request = SupportRequestFactory(association=association, state="in_review", kind="communication")
    with pytest.raises(SupportError, match="Décrivez"):
        decisions.grant(support_request=request, by=reviewer, decision_reference="X", in_kind_value="10")


def test_a_decision_needs_a_reference(in_review, reviewer, envelope):
    with pytest.raises(SupportError, match="référence"):
        decisions.grant(support_request=in_review, by=reviewer, envelope=envelope, amount="10", decision_reference=" ")
