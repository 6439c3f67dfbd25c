"""Every form where people enter a point offers the shared map picker, as an enhancement of its inputs.

Without JavaScript the map box stays hidden and the inputs are the way to give a point; with it,
static/js/map_picker.js shows the map (tiles from the setting, Leaflet served by us) and writes the inputs.
"""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse

from associations.rooms.models import Room
from tests.directory.factories import ActionFactory, AssociationFactory, make_manager
from tests.factories import UserFactory
from tests.rooms.factories import RoomFactory
from tests.shops.factories import ShopFactory

pytestmark = pytest.mark.django_db


class Page(HTMLParser):
    """Start tags with their attributes and the index of the form they sit in (None outside forms)."""

    def __init__(self, html: str):
        super().__init__()
        self.tags, self._form, self._forms = [], None, 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self._forms += 1
            self._form = self._forms
        self.tags.append((tag, dict(attrs), self._form))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None

    def having(self, attribute):
        return [(tag, attrs, form) for tag, attrs, form in self.tags if attribute in attrs]

    def one(self, attribute):
        [found] = self.having(attribute)
        return found


def association_request():
    return UserFactory(), reverse("directory:request")


def association_edit():
    association = AssociationFactory(latitude=47.2001, longitude=-1.5502)
    return make_manager(association), reverse("directory:edit", args=[association.slug])


def action_create():
    association = AssociationFactory()
    return make_manager(association), reverse("directory:action_create", args=[association.slug])


def action_edit():
    action = ActionFactory(latitude=47.2001, longitude=-1.5502)
    return make_manager(action.association), reverse("directory:action_edit", args=[action.pk])


def shop_create():
    return UserFactory(), reverse("shops:create")


def shop_edit():
    shop = ShopFactory(owned=True, latitude=47.2001, longitude=-1.5502)
    return shop.owner, reverse("shops:edit", args=[shop.slug])


def help_request():
    return UserFactory(), reverse("help:request_new")


def help_offer():
    return UserFactory(), reverse("help:offer_new")


def admin_room_add():
    return UserFactory(staff=True, is_superuser=True), reverse(f"admin:{Room._meta.app_label}_room_add")


def admin_room_change():
    room = RoomFactory(latitude=47.2001, longitude=-1.5502)
    url = reverse(f"admin:{Room._meta.app_label}_room_change", args=[room.pk])
    return UserFactory(staff=True, is_superuser=True), url


FORMS = [
    association_request,
    association_edit,
    action_create,
    action_edit,
    shop_create,
    shop_edit,
    help_request,
    help_offer,
    admin_room_add,
    admin_room_change,
]
WITH_A_POINT = {association_edit, action_edit, shop_edit, admin_room_change}
HIDDEN_INPUTS = {help_request, help_offer}  # help takes a quartier, or an approximate point on the map


def page_of(make, client_for) -> Page:
    user, url = make()
    response = client_for(user).get(url)
    assert response.status_code == 200
    return Page(response.content.decode())


@pytest.mark.parametrize("make", FORMS, ids=[f.__name__ for f in FORMS])
def test_the_form_has_the_picker_hidden_until_its_script_shows_it(make, client_for):
    page = page_of(make, client_for)
    tag, box, form = page.one("data-map-picker")
    assert "hidden" in box and form is not None
    _tag, lat, lat_form = page.one("data-map-lat")
    _tag, lon, lon_form = page.one("data-map-lon")
    assert lat_form == lon_form == form, "the picker writes the inputs of its own form"
    _tag, map_box, _form = page.one("data-map-picker-map")
    assert map_box["data-tiles"] == settings.MAP_TILES_URL
    assert {"role", "aria-label", "aria-describedby"} <= set(map_box)
    scripts = [attrs["src"] for tag, attrs, _form in page.having("src") if tag == "script"]
    assert "/static/leaflet/leaflet.js" in scripts and "/static/js/map_picker.js" in scripts
    assert scripts.index("/static/leaflet/leaflet.js") < scripts.index("/static/js/map_picker.js")


@pytest.mark.parametrize("make", FORMS, ids=[f.__name__ for f in FORMS])
def test_the_inputs_give_a_point_without_javascript(make, client_for):
    page = page_of(make, client_for)
    _tag, lat, _form = page.one("data-map-lat")
    _tag, lon, _form = page.one("data-map-lon")
    expected = "hidden" if make in HIDDEN_INPUTS else "number"
    assert lat["type"] == lon["type"] == expected
    if make in WITH_A_POINT:
        assert (float(lat["value"]), float(lon["value"])) == (47.2001, -1.5502), "the map shows the point it has"


@pytest.mark.parametrize("make", FORMS, ids=[f.__name__ for f in FORMS])
def test_nothing_is_loaded_from_another_host(make, client_for):
    page = page_of(make, client_for)
    assets = [attrs["src"] for tag, attrs, _form in page.having("src") if tag == "script"]
    assets += [attrs["href"] for tag, attrs, _form in page.having("href") if tag == "link"]
    assert assets and all(url.startswith("/") and not url.startswith("//") for url in assets), assets


def test_the_tiles_come_from_the_setting(client_for, settings):
    settings.MAP_TILES_URL = "/tuiles/{z}/{x}/{y}.png"
    settings.MAP_TILES_ATTRIBUTION = "© Rezé"
    _tag, map_box, _form = page_of(shop_create, client_for).one("data-map-picker-map")
    assert (map_box["data-tiles"], map_box["data-attribution"]) == ("/tuiles/{z}/{x}/{y}.png", "© Rezé")
    lat, lon = settings.TOWN_CENTER
    assert (float(map_box["data-lat"]), float(map_box["data-lon"])) == (lat, lon)


def test_the_picker_script_and_its_styles_are_served(client):
    for path in ("/static/js/map_picker.js", "/static/css/map_picker.css", "/static/leaflet/leaflet.js"):
        response = client.get(path)
        assert response.status_code == 200, path
        response.close()
