"""Never overspent: 20 tills record a visit for one household at once, on real, separate connections."""

import pytest

from solidarite.grocery import services
from solidarite.grocery.models import MonthlySpend, Visit
from tests import concurrency
from tests.factories import UserFactory
from tests.grocery.factories import make_grocery, orient

TILLS = 20


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_simultaneous_visits_never_spend_more_than_the_allowance():
    volunteers = [UserFactory() for _ in range(TILLS)]
    grocery = make_grocery(volunteers=volunteers)
    # Room for exactly 7 visits of 10 €.
    orientation, _code = orient(grocery, allowance=7000)
    household = orientation.household

    def visit(volunteer):
        return lambda: services.record_visit(by=volunteer, grocery=grocery, household=household, amount=1000)

    outcomes = concurrency.described(
        concurrency.race([visit(v) for v in volunteers]), refusal=services.GroceryError, ok="ok"
    )

    assert outcomes.count("ok") == 7, outcomes
    assert all("dépasse ce qui reste" in o for o in outcomes if o != "ok"), outcomes
    assert Visit.objects.count() == 7
    assert MonthlySpend.objects.get().spent == 7000
    assert services.card(household).left == 0
