"""The anonymous tally never loses a count: 10 estimates of a new month finish at once, on real connections."""

import pytest

from solidarite.estimate import tally
from solidarite.estimate.models import EstimateTally
from tests import concurrency

ESTIMATES = 10


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_estimates_of_a_new_month_are_all_counted():
    amounts = {"rsa": 400.0, "aides_logement": 0.0}
    outcomes = concurrency.race([lambda: tally.count(amounts, "2031-02") for _ in range(ESTIMATES)])
    assert outcomes == [None] * ESTIMATES, outcomes
    rows = {row.aid_code: (row.estimates, row.found) for row in EstimateTally.objects.all()}
    assert len(rows) == len(tally.aid_codes())
    assert rows["rsa"] == (ESTIMATES, ESTIMATES)
    assert rows["aides_logement"] == (ESTIMATES, 0)
