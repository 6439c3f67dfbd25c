"""On PostgreSQL the token row never makes a writer wait for another (real connections)."""

import threading

import pytest
from django.db import connection, transaction

from solidarite.fragments.cache import LISTINGS, current_token
from tests.concurrency import race
from tests.directory.factories import AssociationFactory
from tests.shops.factories import ShopFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer at a time anyway"),
]


def test_a_writer_goes_on_while_another_holds_the_token_row():
    before = current_token(LISTINGS)
    first_wrote, second_done = threading.Event(), threading.Event()

    def first():
        with transaction.atomic():
            AssociationFactory()  # renews the token: the row stays locked until this commits
            first_wrote.set()
            # Had the second writer waited for the row, it would still be waiting here.
            return second_done.wait(10)

    def second():
        first_wrote.wait(10)
        ShopFactory()
        second_done.set()
        return True

    assert race([first, second]) == [True, True]
    assert current_token(LISTINGS) != before
