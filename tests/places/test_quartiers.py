import pytest
from django.test import override_settings

from solidarite.places.geo import Point
from solidarite.places.models import Quartier, town_center, within_town

pytestmark = pytest.mark.django_db

OFFICIAL = {
    "Château",
    "La Blordière",
    "La Houssais",
    "Pont-Rousseau",
    "Ragon",
    "Rezé-Hôtel de ville",
    "Trentemoult-les Isles",
}


def test_the_seven_official_quartiers_of_reze_are_loaded():
    assert set(Quartier.objects.values_list("name", flat=True)) == OFFICIAL
    assert Quartier.objects.count() == 7


def test_every_quartier_centre_is_in_reze():
    for quartier in Quartier.objects.all():
        assert within_town(quartier.center), quartier.name


@pytest.mark.parametrize(
    ("point", "slug"),
    [
        (Point(47.1946, -1.5797), "trentemoult-les-isles"),  # Trentemoult village
        (Point(47.1813, -1.5497), "reze-hotel-de-ville"),  # the town hall
        (Point(47.1585, -1.5366), "ragon"),
        (Point(47.1937, -1.5486), "pont-rousseau"),
    ],
)
def test_nearest_finds_the_quartier_of_a_point(point, slug):
    assert Quartier.objects.nearest(point).slug == slug


def test_nearest_on_no_quartier_is_none():
    assert Quartier.objects.none().nearest(Point(47.18, -1.55)) is None


def test_within_town_uses_the_town_settings():
    nantes_cathedral = Point(47.2183, -1.5510)  # 4.5 km from Rezé's centre
    assert within_town(nantes_cathedral)
    with override_settings(TOWN_RADIUS_KM=3):
        assert not within_town(nantes_cathedral)
    with override_settings(TOWN_CENTER=(47.2184, -1.5536)):
        assert town_center() == Point(47.2184, -1.5536)
