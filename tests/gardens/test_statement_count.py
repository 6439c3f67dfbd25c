"""A freed plot offered to the next applicant costs a fixed number of SQL statements (the bench's
garden_offer figure, ``bench/commons.py``, is mostly round trips): a new one must be a choice."""

import pytest

from solidarite.gardens import offers
from solidarite.gardens.models import Offer
from tests.directory.factories import AssociationFactory, make_manager
from tests.gardens.factories import allocated_plot, applicant, make_garden

pytestmark = pytest.mark.django_db

# The savepoint of the service's block (the test's transaction is the outer one), the plot locked with its
# garden, the manager's role, the allocation ended, the head of the list locked, the offer's INSERT (its
# own record: no log row), the plot written once (free then offered), the application, the notification
# (the applicant's row is locked: not read again), the release, and after commit the unread count.
GARDEN_OFFER_STATEMENTS = 11


def test_freeing_a_plot_and_offering_it_runs_a_fixed_number_of_statements(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    association = AssociationFactory()
    manager = make_manager(association)
    garden = make_garden(association=association)
    plot = allocated_plot(garden)
    for _n in range(3):
        applicant(garden)
    with django_assert_num_queries(GARDEN_OFFER_STATEMENTS), django_capture_on_commit_callbacks(execute=True):
        offer = offers.free_plot(by=manager, plot=plot)
    assert offer.status == Offer.Status.PROPOSED
    assert not offer.log.exists()
