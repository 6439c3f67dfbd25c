import pytest

from solidarite.accounts.personal_data import covered_models, export_personal_data, handlers
from solidarite.accounts.roles import roles_of
from solidarite.shops.models import Initiative, Shop, ShopClaim, ShopEvent
from tests.shops.factories import VALID_SIRET, InitiativeFactory, ShopFactory

pytestmark = pytest.mark.django_db


def test_every_shops_model_pointing_to_a_user_is_covered():
    assert {Shop, ShopClaim, ShopEvent, Initiative} <= covered_models()


def test_export_and_erase_keep_the_public_listing_without_the_person(user, staff):
    shop = ShopFactory(owner=user, name="Mon café")
    InitiativeFactory(shop=shop, created_by=user, title="Café suspendu")
    ShopClaim.objects.create(shop=ShopFactory(name="Autre"), user=user, siret=VALID_SIRET, message="c'est moi")
    ShopEvent.objects.create(shop=shop, actor=user, action="edited")
    data = export_personal_data(user)["commerces"]
    assert data["commerces_geres"][0]["name"] == "Mon café"
    assert data["demandes_de_gestion"][0]["message"] == "c'est moi"
    assert data["initiatives_publiees"][0]["title"] == "Café suspendu"
    handler = next(h for h in handlers() if h.label == "commerces")
    handler.erase(user)
    shop.refresh_from_db()
    assert shop.owner is None and Initiative.objects.get().created_by is None
    assert not ShopClaim.objects.filter(user=user).exists()
    assert ShopEvent.objects.get().actor is None


def test_verified_owner_gets_the_shopkeeper_role(user):
    ShopFactory(owner=user, name="Le Fournil")
    ShopFactory(owner=user, name="En attente", pending=True)
    roles = [(r.code, r.detail) for r in roles_of(user) if r.code == "shopkeeper"]
    assert roles == [("shopkeeper", "Le Fournil")]
