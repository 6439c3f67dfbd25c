"""Shops API: public reads, writes for neighbours and verified owners, all in the OpenAPI schema."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from solidarite.shops.models import Initiative, Shop, ShopClaim
from tests.shops.factories import VALID_SIRET, InitiativeFactory, ShopFactory

pytestmark = pytest.mark.django_db


def api(user=None):
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


def test_public_list_shows_listed_shops_with_hours_and_initiatives():
    shop = ShopFactory(name="Toujours ouvert", opening_hours="24/7")
    shop.tags.set(["vrac"])
    InitiativeFactory(shop=shop, title="Panier suspendu")
    ShopFactory(name="En attente", pending=True)
    response = api().get("/api/v1/shops/")
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["name"] == "Toujours ouvert" and row["open_now"] is True and row["tags"] == ["vrac"]
    assert row["current_initiatives"][0]["title"] == "Panier suspendu"
    assert "owner" not in row and "siret" not in row


def test_public_list_filters():
    ShopFactory(name="Ouvert", opening_hours="24/7", kind="cafe")
    ShopFactory(name="Fermé", opening_hours="off", kind="cafe")
    names = lambda params: [r["name"] for r in api().get("/api/v1/shops/", params).json()["results"]]  # noqa: E731
    assert names({"open_now": "true"}) == ["Ouvert"]
    assert names({"kind": "librairie"}) == []


def test_a_filter_the_page_would_refuse_is_a_400_naming_it_not_ignored():
    ShopFactory(name="Ouvert", kind="cafe")
    response = api().get("/api/v1/shops/", {"kind": "casino"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["kind"]


def test_hidden_shop_is_404():
    shop = ShopFactory(hidden=True)
    response = api().get(f"/api/v1/shops/{shop.slug}/")
    assert response.status_code == 404 and response.json() == {"detail": "Introuvable."}


def test_create_requires_login_and_valid_input(user):
    payload = {"name": "Épicerie", "kind": "alimentation", "address": "1 rue X", "siret": VALID_SIRET}
    assert api().post("/api/v1/shops/", payload, format="json").status_code == 401
    bad = api(user).post("/api/v1/shops/", dict(payload, opening_hours="Mo-Fr 9h-18h"), format="json")
    assert bad.status_code == 400 and "9h-18h" in bad.json()["errors"]["opening_hours"][0]
    assert not Shop.objects.exists()
    created = api(user).post("/api/v1/shops/", dict(payload, tags=["vrac"]), format="json")
    assert created.status_code == 201 and created.json()["status"] == "pending"


def test_only_the_verified_owner_patches(user, other_user):
    shop = ShopFactory(owner=user)
    url = f"/api/v1/shops/{shop.slug}/"
    assert api(other_user).patch(url, {"name": "Volé"}, format="json").status_code == 403
    response = api(user).patch(url, {"opening_hours": "Tu-Sa 08:00-19:00", "tags": ["café"]}, format="json")
    assert response.status_code == 200 and response.json()["tags"] == ["café"]
    bad = api(user).patch(url, {"opening_hours": "Lu-Ve 9h"}, format="json")
    assert bad.status_code == 400
    shop.refresh_from_db()
    assert shop.opening_hours == "Tu-Sa 08:00-19:00"


def test_claim_through_the_api_keeps_the_owner(user, other_user):
    shop = ShopFactory(owner=user)
    response = api(other_user).post(f"/api/v1/shops/{shop.slug}/claim/", {"siret": VALID_SIRET}, format="json")
    assert response.status_code == 201 and response.json()["status"] == "pending"
    shop.refresh_from_db()
    assert shop.owner == user and ShopClaim.objects.filter(user=other_user).exists()


def test_initiatives_write_for_owner_only(user, other_user):
    shop = ShopFactory(owner=user)
    today = timezone.localdate()
    payload = {
        "shop": shop.slug,
        "kind": "collecte",
        "title": "Collecte",
        "description": "Dons",
        "starts_on": str(today),
    }
    assert api(other_user).post("/api/v1/shops/initiatives/", payload, format="json").status_code == 403
    bad = api(user).post(
        "/api/v1/shops/initiatives/", dict(payload, ends_on=str(today - timedelta(days=3))), format="json"
    )
    assert bad.status_code == 400 and "ends_on" in bad.json()["errors"]
    created = api(user).post("/api/v1/shops/initiatives/", payload, format="json")
    assert created.status_code == 201
    pk = created.json()["id"]
    assert api().get("/api/v1/shops/initiatives/").json()["results"][0]["id"] == pk
    assert api(other_user).post(f"/api/v1/shops/initiatives/{pk}/end/").status_code == 403
    assert (
        api(user).patch(f"/api/v1/shops/initiatives/{pk}/", {"title": "Collecte de jouets"}, format="json").status_code
        == 200
    )
    assert api(user).post(f"/api/v1/shops/initiatives/{pk}/end/").status_code == 200
    assert Initiative.objects.get().ended_at is not None


def test_schema_documents_the_shop_endpoints(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/v1/shops/{slug}/claim/" in text and "/api/v1/shops/initiatives/{id}/end/" in text


def test_the_schema_says_a_shop_list_row_may_have_no_quartier_nor_partner(client):
    InitiativeFactory(shop=ShopFactory(quartier=None), association=None)
    [row] = api().get("/api/v1/shops/").json()["results"]
    assert row["quartier"] is None and row["current_initiatives"][0]["association"] is None
    schemas = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["components"][
        "schemas"
    ]
    assert schemas["Shop"]["properties"]["quartier"]["nullable"] is True
    assert schemas["InitiativeSummary"]["properties"]["association"]["nullable"] is True
