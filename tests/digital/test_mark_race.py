"""A place is marked once: two people marking it at the same moment, on separate connections."""

import pytest
from django.core.exceptions import ValidationError

from solidarite.digital.models import DigitalPlace
from tests import concurrency
from tests.digital.factories import mark, staff
from tests.shops.factories import ShopFactory


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_marks_of_one_place_make_one_row_and_one_french_refusal():
    shop = ShopFactory()
    agents = [staff(), staff()]
    outcomes = concurrency.described(
        concurrency.race([lambda agent=agent: mark(shop, by=agent) for agent in agents]),
        refusal=ValidationError,
        ok="ok",
    )
    assert sorted(outcomes) == ["Ce lieu est déjà présenté comme lieu d'aide au numérique.", "ok"], outcomes
    assert DigitalPlace.objects.filter(shop=shop).count() == 1
