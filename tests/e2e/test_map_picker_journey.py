"""A neighbour places their shop on the map: by a click, by the keyboard, or by typing the two numbers."""

import re

import pytest

from tests.e2e.helpers import CspWatch, axe_violations, sign_in

FORM = "/commerces/nouveau/"


def point(page) -> tuple[str, str]:
    return page.locator("[data-map-lat]").input_value(), page.locator("[data-map-lon]").input_value()


@pytest.fixture
def neighbour(live_site):
    return live_site.remote("new_neighbour", email="carte@exemple.fr", password="carte-mot-de-passe-2026")


def test_a_click_or_the_keyboard_places_the_point(browsers, neighbour):
    page = browsers.page()
    watch = CspWatch(page)
    sign_in(page, "carte@exemple.fr", "carte-mot-de-passe-2026")
    page.goto(FORM)
    the_map = page.locator("[data-map-picker-map]")
    the_map.wait_for()
    assert page.locator("[data-map-picker]").is_visible()
    assert point(page) == ("", "")

    the_map.click(position={"x": 100, "y": 80})
    lat, lon = point(page)
    assert re.fullmatch(r"4\d\.\d{6}", lat) and re.fullmatch(r"-1\.\d{6}", lon)
    assert page.locator("[data-map-picker] .leaflet-marker-icon").count() == 1
    assert "Point placé" in page.locator("[data-map-picker-status]").inner_text()

    the_map.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    assert point(page) != (lat, lon), "Enter places the point at the map's centre"
    assert page.url.endswith(FORM), "Enter on the map does not submit the form"

    page.get_by_role("button", name="Retirer le point").click()
    assert point(page) == ("", "")
    assert page.locator("[data-map-picker] .leaflet-marker-icon").count() == 0

    page.locator("[data-map-lat]").fill("47.1801")
    page.locator("[data-map-lon]").fill("-1.5502")
    assert page.locator("[data-map-picker] .leaflet-marker-icon").count() == 1, "typing moves the marker"
    assert axe_violations(page) == []
    assert watch.problems == []


def test_without_javascript_the_numbers_are_typed(browsers, neighbour):
    page = browsers.page(javascript=False)
    sign_in(page, "carte@exemple.fr", "carte-mot-de-passe-2026")
    page.goto(FORM)
    assert not page.locator("[data-map-picker]").is_visible()
    page.locator("[data-map-lat]").fill("47.1801")
    page.locator("[data-map-lon]").fill("-1.5502")
    assert point(page) == ("47.1801", "-1.5502")
