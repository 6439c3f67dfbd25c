"""A visitor looks for a shop open right now, on the map and in its list equivalent."""

import pytest

SHOP = "Épicerie de nuit du Port"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_visitor_finds_an_open_shop_on_the_map(browsers, live_site, javascript):
    shop_url = live_site.remote("open_shop", name=SHOP)["url"]
    page = browsers.page(javascript=javascript)
    page.goto("/commerces/carte/")
    page.get_by_label("Ouvert maintenant").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Rechercher").click()
    assert "open_now=on" in page.url
    listed = page.locator("#shop-map-list > li")
    names = listed.all_inner_texts()
    assert any(SHOP in text for text in names)
    if javascript:
        # One marker per listed shop: the map says what the list says.
        page.locator(".leaflet-marker-icon").first.wait_for()
        assert page.locator(".leaflet-marker-icon").count() == listed.count()
    page.locator("#shop-map-list").get_by_role("link", name=SHOP).click()
    assert page.url.endswith(shop_url)
    assert page.get_by_role("heading", level=1).inner_text() == SHOP
