"""The shop page: practical information, hours, initiatives, schema.org JSON-LD; 404 when not visible."""

import json
import re

import pytest
from django.urls import reverse

from solidarite.shops import services
from tests.factories import UserFactory
from tests.shops.factories import InitiativeFactory, ShopFactory

pytestmark = pytest.mark.django_db


def jsonld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_page_shows_practical_information_and_hours(client):
    shop = ShopFactory(
        name="Le Café des Isles",
        phone="02 40 00 33 44",
        payment_means=["cash", "solidarity-voucher"],
        opening_hours="Tu-Sa 08:00-19:00; PH off",
    )
    response = client.get(shop.get_absolute_url())
    html = response.text
    assert response.status_code == 200
    assert "<h1>Le Café des Isles</h1>" in html
    assert "bons solidaires (CCAS, épicerie sociale)" in html
    assert "Les 7 prochains jours" in html and '<th scope="row">' in html
    assert "Du mardi au samedi</th><td>8 h – 19 h" in html and "Fermé les jours fériés." in html
    assert "Tu-Sa 08:00-19:00" not in html, "OSM syntax is for data exports, not for people"


def test_jsonld_is_local_business_with_opening_hours_and_cannot_be_broken_out_of(client):
    shop = ShopFactory(
        name="Chez </script><script>alert(1)</script> Léa", opening_hours="Mo-Fr 09:00-18:00; Sa 09:00-12:00"
    )
    html = client.get(shop.get_absolute_url()).text
    assert "<script>alert(1)" not in html
    data = jsonld(html)
    assert data["@type"] == "GroceryStore"
    assert data["name"] == "Chez </script><script>alert(1)</script> Léa"
    assert "openingHours" not in data, "OSM syntax is not schema.org"
    assert [(spec["dayOfWeek"][0], spec["opens"], spec["closes"]) for spec in data["openingHoursSpecification"]] == [
        ("https://schema.org/Monday", "09:00", "18:00"),
        ("https://schema.org/Saturday", "09:00", "12:00"),
    ]
    assert data["address"]["addressLocality"] == "Rezé"
    assert data["identifier"]["value"] == shop.siret


def test_hidden_and_pending_shops_are_404_for_visitors_but_not_for_staff_or_claimant(client, client_for, staff):
    hidden = ShopFactory(hidden=True, hidden_reason="Doublon")
    assert client.get(hidden.get_absolute_url()).status_code == 404
    staff_page = client_for(staff).get(hidden.get_absolute_url())
    assert staff_page.status_code == 200 and "Doublon" in staff_page.text
    claimant = UserFactory()
    pending = services.create_shop(
        by=claimant, name="Nouveau", kind="cafe", address="1 rue X", siret="73282932000074"
    ).shop
    assert client.get(pending.get_absolute_url()).status_code == 404
    page = client_for(claimant).get(pending.get_absolute_url())
    assert page.status_code == 200 and "En attente de vérification" in page.text
    assert "application/ld+json" not in page.text


def test_owner_sees_management_links_others_see_claim_link(client_for, user, other_user):
    shop = ShopFactory(owner=user)
    owner_page = client_for(user).get(shop.get_absolute_url()).text
    assert reverse("shops:edit", args=[shop.slug]) in owner_page
    assert reverse("shops:initiative_create", args=[shop.slug]) in owner_page
    other_page = client_for(other_user).get(shop.get_absolute_url()).text
    assert reverse("shops:edit", args=[shop.slug]) not in other_page
    assert reverse("shops:claim", args=[shop.slug]) in other_page


def test_current_initiative_and_partner_are_shown(client):
    from associations.directory.models import Association

    partner = Association.objects.create(name="Les Restos du Cœur", slug="restos", purpose="Aide", status="verified")
    initiative = InitiativeFactory(title="Point de collecte", association=partner)
    html = client.get(initiative.shop.get_absolute_url()).text
    assert "Point de collecte" in html and "Les Restos du Cœur" in html
    detail = client.get(initiative.get_absolute_url())
    assert detail.status_code == 200 and "Les Restos du Cœur" in detail.text
