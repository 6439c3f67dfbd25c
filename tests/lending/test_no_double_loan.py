"""Never two loans of one item at once: thirty simultaneous bookings on real, separate connections.

SQLite: writers queue on BEGIN IMMEDIATE and the check runs inside. PostgreSQL: the item row lock, and
the exclusion constraint underneath (tested on its own below).
"""

import pytest
from django.db import IntegrityError, connection, transaction

from solidarite.lending import services
from solidarite.lending.models import Loan, period
from tests import concurrency
from tests.factories import UserFactory
from tests.lending.factories import days_ahead, make_item

ATTEMPTS = 30


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_thirty_simultaneous_loans_of_one_item_for_one_period_make_exactly_one():
    item = make_item()
    people = [UserFactory() for _ in range(ATTEMPTS)]
    first, last = days_ahead(3), days_ahead(6)

    def attempt(person):
        return lambda: services.book_days(item=item, borrower=person, first_day=first, last_day=last)

    outcomes = concurrency.described(
        concurrency.race([attempt(person) for person in people]), refusal=services.Taken, ok="ok"
    )
    assert len(outcomes) == ATTEMPTS
    assert outcomes.count("ok") == 1, outcomes
    assert all("déjà réservé" in outcome for outcome in outcomes if outcome != "ok"), outcomes
    assert Loan.objects.filter(item=item).count() == 1


@pytest.mark.django_db
def test_the_database_itself_refuses_overlapping_active_loans_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("The exclusion constraint exists on PostgreSQL; SQLite relies on the serialized check.")
    item = make_item()
    person = UserFactory()
    start, end = period(days_ahead(2), days_ahead(4))
    Loan.objects.create(item=item, borrower=person, start=start, end=end, status="out")
    with pytest.raises(IntegrityError, match="lending_loan_no_overlap"), transaction.atomic():
        Loan.objects.create(item=item, borrower=person, start=start, end=end, status="booked")
    # Returned and cancelled loans do not hold the item.
    Loan.objects.create(item=item, borrower=person, start=start, end=end, status="cancelled")
    assert Loan.objects.count() == 2


@pytest.mark.django_db
def test_a_constraint_violation_reaches_the_borrower_as_taken(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("Only PostgreSQL has the exclusion constraint.")
    from solidarite.lending.models import LoanQuerySet

    item = make_item()
    services.book_days(item=item, borrower=UserFactory(), first_day=days_ahead(2), last_day=days_ahead(4))
    monkeypatch.setattr(LoanQuerySet, "overlapping", lambda self, *args: self.none())
    with pytest.raises(services.Taken, match="déjà réservé"):
        services.book_days(item=item, borrower=UserFactory(), first_day=days_ahead(3), last_day=days_ahead(5))
    assert Loan.objects.count() == 1
