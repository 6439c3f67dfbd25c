"""Geometry on plain latitude/longitude, checked against real places in Rezé."""

import math

import pytest

from solidarite.places.geo import KM_PER_DEGREE_LAT, Point, bounding_box, distance_km, public_point

# Approximate positions of landmarks (OpenStreetMap).
HOTEL_DE_VILLE = Point(47.1813, -1.5497)  # Hôtel de ville de Rezé, place Jean-Baptiste Daviais
TRENTEMOULT = Point(47.1946, -1.5797)  # Trentemoult, quai Marcel Boissard
PONT_ROUSSEAU = Point(47.1937, -1.5486)  # Pont-Rousseau
RAGON = Point(47.1585, -1.5366)  # Ragon
GARE_DE_NANTES = Point(47.2173, -1.5423)  # Gare de Nantes, accès nord

# Reference distances on the WGS84 ellipsoid (Vincenty's inverse formula), in km. The spherical
# haversine must stay within 0.5 % of them at the scale of a town.
REFERENCES = [
    (HOTEL_DE_VILLE, TRENTEMOULT, 2.712),
    (HOTEL_DE_VILLE, PONT_ROUSSEAU, 1.381),
    (HOTEL_DE_VILLE, RAGON, 2.722),
    (TRENTEMOULT, RAGON, 5.175),
    (HOTEL_DE_VILLE, GARE_DE_NANTES, 4.041),
]


def destination(start: Point, bearing_deg: float, km: float) -> Point:
    """The point at ``km`` from ``start`` along ``bearing_deg`` on the same sphere (independent formula)."""
    radius = KM_PER_DEGREE_LAT * 180 / math.pi
    lat1, lon1, bearing = math.radians(start.lat), math.radians(start.lon), math.radians(bearing_deg)
    angle = km / radius
    lat2 = math.asin(math.sin(lat1) * math.cos(angle) + math.cos(lat1) * math.sin(angle) * math.cos(bearing))
    lon2 = lon1 + math.atan2(
        math.sin(bearing) * math.sin(angle) * math.cos(lat1), math.cos(angle) - math.sin(lat1) * math.sin(lat2)
    )
    return Point(math.degrees(lat2), math.degrees(lon2))


@pytest.mark.parametrize(("a", "b", "km"), REFERENCES)
def test_haversine_matches_real_distances_in_reze(a, b, km):
    assert distance_km(a, b) == pytest.approx(km, rel=0.005)
    assert distance_km(b, a) == pytest.approx(distance_km(a, b))


def test_a_point_is_at_zero_km_from_itself():
    assert distance_km(TRENTEMOULT, TRENTEMOULT) == 0


@pytest.mark.parametrize(("lat", "lon"), [(91, 0), (-91, 0), (0, 181), (0, -181)])
def test_impossible_coordinates_are_refused(lat, lon):
    with pytest.raises(ValueError):
        Point(lat, lon)


@pytest.mark.parametrize("km", [0.3, 1, 2.5, 8])
def test_the_bounding_box_contains_every_point_of_the_circle(km):
    box = bounding_box(HOTEL_DE_VILLE, km)
    for bearing in range(0, 360, 5):
        for fraction in (0.5, 0.999):
            point = destination(HOTEL_DE_VILLE, bearing, km * fraction)
            assert box.contains(point), (bearing, fraction)


@pytest.mark.parametrize("km", [1, 2.5])
def test_the_bounding_box_is_tight(km):
    box = bounding_box(HOTEL_DE_VILLE, km)
    for bearing in (0, 90, 180, 270):
        assert not box.contains(destination(HOTEL_DE_VILLE, bearing, km * 1.01)), bearing


def test_the_bounding_box_filters_on_latitude_and_longitude_columns():
    box = bounding_box(HOTEL_DE_VILLE, 1)
    assert box.as_filter("offer__") == {
        "offer__latitude__gte": box.min_lat,
        "offer__latitude__lte": box.max_lat,
        "offer__longitude__gte": box.min_lon,
        "offer__longitude__lte": box.max_lon,
    }


def test_a_negative_radius_is_refused():
    with pytest.raises(ValueError):
        bounding_box(HOTEL_DE_VILLE, -1)


def test_the_public_point_is_the_same_every_time():
    answers = {public_point(TRENTEMOULT, grid_m=300, salt="demande-42") for _ in range(200)}
    assert len(answers) == 1


def test_public_points_reveal_nothing_finer_than_the_grid():
    """Every private point of a grid cell gets the very same public point, so the mean of any number of
    answers is that one point, whatever the true spot in the cell: 1,600 points spread over a 600 m square
    (at most 3 × 3 cells of 300 m) get at most 9 distinct public points."""
    step = 0.6 / 40
    square = [destination(destination(TRENTEMOULT, 0, i * step), 90, j * step) for i in range(40) for j in range(40)]
    answers = {public_point(p, grid_m=300, salt="demande-42") for p in square}
    assert 4 <= len(answers) <= 9


@pytest.mark.parametrize("grid_m", [100, 300, 500])
def test_the_public_point_stays_in_the_cell_neighbourhood(grid_m):
    for bearing in range(0, 360, 15):
        private = destination(HOTEL_DE_VILLE, bearing, 1.3)
        for salt in ("a", "b", "c"):
            shown = public_point(private, grid_m=grid_m, salt=salt)
            # Snapped to the cell centre (at most half a diagonal away), then moved by at most a third of a cell.
            assert distance_km(private, shown) <= (0.5 + 1 / 3) * math.sqrt(2) * grid_m / 1000 + 0.002


def test_the_public_point_is_not_the_private_point():
    moved = [distance_km(p, public_point(p, grid_m=300, salt="s")) for p in (HOTEL_DE_VILLE, TRENTEMOULT, RAGON)]
    assert all(km > 0.005 for km in moved)


def test_different_posts_in_one_place_get_different_public_points():
    points = {public_point(TRENTEMOULT, grid_m=300, salt=f"demande-{n}") for n in range(20)}
    assert len(points) > 10


def test_the_grid_must_be_positive():
    with pytest.raises(ValueError):
        public_point(TRENTEMOULT, grid_m=0, salt="s")
