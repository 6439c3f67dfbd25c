"""A gift offered and matched costs a fixed number of SQL statements, however many wishes it matches:
the bench's gift_match figure (``bench/commons.py``) is mostly round trips, so a new one must be a choice."""

import pytest

from tests.factories import UserFactory
from tests.giveaways.factories import make_gift, make_wish

pytestmark = pytest.mark.django_db

# The hourly cap (gifts and wishes in one count; the quartiers are the process's cached copy, read
# when the wishes were posted: places.models.nearest_quartier), the savepoint of
# the service's atomic block (the test's transaction is the outer one), the gift's INSERT, the five rings
# of the prefilter (too few wishes here to fill one), one INSERT for all the matches, one for all the
# notifications, the savepoint's release, and after commit one unread count for every matched wisher.
GIFT_MATCH_STATEMENTS = 1 + 1 + 1 + 5 + 1 + 1 + 1 + 1


@pytest.mark.parametrize("wishers", [1, 6])
def test_a_gift_matched_with_any_number_of_wishes_runs_a_fixed_number_of_statements(
    giver, wishers, django_assert_num_queries, django_capture_on_commit_callbacks
):
    for _n in range(wishers):
        make_wish(UserFactory())
    with (
        django_assert_num_queries(GIFT_MATCH_STATEMENTS) as captured,
        django_capture_on_commit_callbacks(execute=True),
    ):
        make_gift(giver)
    sql = [query["sql"] for query in captured.captured_queries]
    assert sum(s.startswith('INSERT INTO "giveaways_giftmatch"') for s in sql) == 1
    assert sum(s.startswith('INSERT INTO "notifications_notification"') for s in sql) == 1
