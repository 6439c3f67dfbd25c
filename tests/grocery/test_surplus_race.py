"""The first épicerie to accept takes the offer: managers of six matched épiceries accept at once, on real,
separate connections; one épicerie gets it, one stock entry and one notice to the shop, the others a French no."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from solidarite.grocery import surplus
from solidarite.grocery.surplus_models import Need, StockMove, SurplusOffer
from solidarite.notifications.models import Notification
from tests import concurrency
from tests.factories import UserFactory
from tests.grocery.factories import make_grocery
from tests.shops.factories import ShopFactory

EPICERIES = 6


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_six_managers_accepting_one_offer_at_once_give_it_to_exactly_one_epicerie():
    managers = [UserFactory() for _ in range(EPICERIES)]
    for i, manager in enumerate(managers):
        grocery = make_grocery(slug=f"epicerie-{i}", name=f"Épicerie {i}", latitude="47.196000", longitude="-1.548000")
        grocery.managers.add(manager)
        Need.objects.create(grocery=grocery, category="pain", updated_at=timezone.now())
    shop = ShopFactory(owned=True)
    offer = surplus.offer_surplus(
        by=shop.owner, shop=shop, category="pain", what="Pains", kg="4", until=timezone.now() + dt.timedelta(hours=120)
    )
    assert offer.matches.count() == EPICERIES

    outcomes = concurrency.described(
        concurrency.race([lambda m=m: surplus.take(by=m, offer=offer, step="accept") for m in managers]),
        refusal=ValidationError,
        ok="ok",
    )

    assert outcomes.count("ok") == 1, outcomes
    assert not [o for o in outcomes if o.startswith("unexpected")], outcomes
    offer = SurplusOffer.objects.get()
    assert offer.status == "accepted" and offer.accepted_by is not None
    assert list(StockMove.objects.values_list("grocery", flat=True)) == [offer.accepted_by_id]
    assert Notification.objects.filter(user=shop.owner, kind="grocery.surplus_accepted").count() == 1
