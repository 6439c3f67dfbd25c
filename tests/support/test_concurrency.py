"""Two staff granting from the same envelope at the same moment, on real separate connections."""

from decimal import Decimal

import pytest

from associations.support import decisions
from associations.support.models import Envelope, Grant
from associations.support.workflow import SupportError
from tests.concurrency import described, race
from tests.factories import UserFactory
from tests.support.factories import AssociationFactory, EnvelopeFactory, SupportRequestFactory


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("attempts", [2, 4])
def test_simultaneous_grants_never_overdraw_the_envelope(attempts):
    envelope = EnvelopeFactory(amount=Decimal("1000.00"))
    association = AssociationFactory()
    requests = [
        SupportRequestFactory(association=association, state="in_review", amount_requested=Decimal("600.00"))
        for _ in range(attempts)
    ]
    staff = [UserFactory(staff=True) for _ in range(attempts)]

    def decide(support_request, reviewer):
        return lambda: decisions.grant(
            support_request=support_request,
            by=reviewer,
            envelope=envelope,
            amount=Decimal("600.00"),
            decision_reference=f"REF-{support_request.pk}",
        )

    attempts_made = race([decide(*pair) for pair in zip(requests, staff, strict=True)])
    outcomes = described(attempts_made, refusal=SupportError, ok="granted")

    envelope.refresh_from_db()
    assert len(outcomes) == attempts, outcomes  # every attempt ended in a decision or a clear refusal
    assert outcomes.count("granted") == 1, outcomes
    assert all("n'a plus que 400,00\xa0€" in outcome for outcome in outcomes if outcome != "granted")
    assert envelope.granted == Decimal("600.00") == sum(g.amount for g in Grant.objects.all())
    assert Envelope.objects.get(pk=envelope.pk).remaining == Decimal("400.00")
