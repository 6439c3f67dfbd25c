"""What the objethèque holds about a person: exported, and erased (bookings end, figures stay)."""

import pytest

from solidarite.accounts.personal_data import handlers
from solidarite.lending import services
from solidarite.lending.models import Handover, Loan, WaitEntry
from solidarite.notifications.models import Notification
from tests.factories import UserFactory
from tests.lending.factories import days_ahead, make_item, manager

pytestmark = pytest.mark.django_db


def _handler():
    return next(h for h in handlers() if h.label == "objetheque")


def test_export_and_erase():
    item, other = make_item(), make_item()
    person = UserFactory()
    owner = manager(item.lender)
    out = services.book_days(item=item, borrower=person, first_day=days_ahead(0), last_day=days_ahead(1))
    services.hand_over(loan=out, by=owner, condition="good", weight_kg="0.4")
    services.book_days(item=other, borrower=person, first_day=days_ahead(3), last_day=days_ahead(4))
    services.join_waitlist(item=item, person=person)

    exported = _handler().export(person)
    assert [loan["objet"] for loan in exported["prets"]] == [item.name, other.name]
    assert exported["prets"][0]["remises"][0]["poids_kg"] == "0.40"
    assert exported["listes_d_attente"][0]["objet"] == item.name

    _handler().erase(person)
    assert not Loan.objects.filter(borrower=person).exists()
    # The booked loan ended (the other lender's managers were told); the one still out stays, without a name.
    assert Loan.objects.get(item=other).status == "cancelled"
    assert Notification.objects.filter(user=manager(other.lender), kind="lending.cancelled").exists()
    assert Loan.objects.get(item=item).status == "out" and Loan.objects.get(item=item).weight_kg is not None
    assert not WaitEntry.objects.exists()

    _handler().erase(owner)
    assert Handover.objects.get().by is None
