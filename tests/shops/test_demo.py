import pytest

from solidarite.accounts.demo import load_people
from solidarite.shops.demo import load_shops
from solidarite.shops.models import Initiative, Shop, ShopClaim

pytestmark = pytest.mark.django_db


def test_demo_loads_rezé_shops_and_a_shopkeeper_idempotently():
    load_people()
    rows = load_shops()
    load_shops()
    assert [(row.role, row.email, row.password) for row in rows] == [
        ("shopkeeper", "commercant@solidarite.test", "demo-commercant-2026")
    ]
    assert rows[0].to_try.startswith("/commerces/")  # the demo's table says where to go
    assert Shop.objects.listed().count() == 7
    assert Shop.objects.filter(kind="epicerie-sociale").exists()
    owner_shops = Shop.objects.filter(owner__email="commercant@solidarite.test")
    assert owner_shops.count() == 4
    assert ShopClaim.objects.filter(status="pending").count() == 1
    assert Initiative.objects.count() == 5
    assert Initiative.objects.current().count() == 4
