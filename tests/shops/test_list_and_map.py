"""Visitors search and filter shops, in a list or on a map; the list page costs a fixed number of queries."""

import re

import pytest
from django.urls import reverse

from solidarite.shops.models import Shop
from tests.factories import quartier
from tests.shops.factories import InitiativeFactory, ShopFactory

pytestmark = pytest.mark.django_db


def names(response):
    return [s.name for s in response.context["page"].object_list]


def test_only_verified_visible_shops_are_listed(client):
    ShopFactory(name="Visible")
    ShopFactory(name="En attente", pending=True)
    ShopFactory(name="Masquée", hidden=True)
    response = client.get(reverse("shops:list"))
    assert response.status_code == 200
    assert names(response) == ["Visible"]


def test_filters_by_kind_tag_quartier_and_text(client):
    cafe = ShopFactory(name="Café des Isles", kind=Shop.Kind.CAFE, quartier=quartier("trentemoult-les-isles"))
    cafe.tags.set(["jeux"])
    ShopFactory(name="Librairie", kind=Shop.Kind.BOOKSHOP, description="Livres et jeux de société")
    url = reverse("shops:list")
    assert names(client.get(url, {"kind": "cafe"})) == ["Café des Isles"]
    assert names(client.get(url, {"tag": "jeux"})) == ["Café des Isles"]
    assert names(client.get(url, {"quartier": "trentemoult-les-isles"})) == ["Café des Isles"]
    assert names(client.get(url, {"q": "jeux"})) == ["Café des Isles", "Librairie"]


def test_open_now_and_current_initiative_filters(client):
    ShopFactory(name="Toujours ouvert", opening_hours="24/7")
    ShopFactory(name="Jamais ouvert", opening_hours="off")
    ShopFactory(name="Sans horaires", opening_hours="")
    InitiativeFactory(shop=ShopFactory(name="Solidaire", opening_hours="off"))
    url = reverse("shops:list")
    assert names(client.get(url, {"open_now": "on"})) == ["Toujours ouvert"]
    assert names(client.get(url, {"initiative": "on"})) == ["Solidaire"]
    response = client.get(url)
    assert "Ouvert maintenant" in response.text and "Fermé" in response.text


def test_invalid_filters_are_ignored_not_an_error(client):
    ShopFactory(name="Visible")
    response = client.get(reverse("shops:list"), {"kind": "nope", "quartier": "atlantide", "page": "abc"})
    assert response.status_code == 200


def test_list_page_query_count_does_not_grow_with_shops(client, django_assert_max_num_queries):
    def add(n):
        for _ in range(n):
            shop = ShopFactory()
            shop.tags.set(["vrac", "bio"])
            InitiativeFactory(shop=shop)

    add(2)
    url = reverse("shops:list")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url, {"open_now": "on"})
        client.get(url)
    add(15)
    with CaptureQueriesContext(connection) as many:
        response_open = client.get(url, {"open_now": "on"})
        response = client.get(url)
    assert len(response.context["page"].object_list) == 17
    assert response_open.status_code == 200
    assert len(many) == len(few)
    with django_assert_max_num_queries(8):
        client.get(url, {"open_now": "on", "initiative": "on", "kind": "alimentation"})


def test_map_page_has_a_list_equivalent_and_no_inline_script(client):
    ShopFactory(name="Café <b>des</b> Isles", latitude=47.1945, longitude=-1.58)
    ShopFactory(name="Sans point", latitude=None, longitude=None)
    response = client.get(reverse("shops:map"))
    html = response.text
    assert response.status_code == 200
    assert 'id="shop-map"' in html and 'data-tiles="/static/tiles/{z}/{x}/{y}.png"' in html
    assert 'data-lat="47.194500"' in html
    assert "Café &lt;b&gt;des&lt;/b&gt; Isles" in html and "Sans point" not in html
    # Scripts come from files only (CSP); JSON data blocks are not scripts.
    for tag in re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S):
        assert tag.strip() == "" or tag.strip().startswith(("{", "[", '"', "true", "false", "null"))
    assert "static/shops/map.js" in html
