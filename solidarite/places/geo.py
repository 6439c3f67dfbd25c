"""Plain latitude/longitude geometry: no GeoDjango, no GDAL.

Distances are great-circle (haversine) on a spherical Earth, which is within 0.5 % of the
ellipsoid at the scale of a town. Bounding boxes let SQL prefilter on indexed columns before
the exact distance is computed in Python.
"""

import hashlib
import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LAT = math.pi * EARTH_RADIUS_KM / 180


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float

    def __post_init__(self):
        if not (-90 <= self.lat <= 90 and -180 <= self.lon <= 180):
            raise ValueError(f"invalid coordinates: {self.lat}, {self.lon}")


@dataclass(frozen=True)
class BoundingBox:
    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float

    def contains(self, point: Point) -> bool:
        return self.min_lat <= point.lat <= self.max_lat and self.min_lon <= point.lon <= self.max_lon

    def as_filter(self, prefix: str = "") -> dict:
        """Keyword arguments for ``QuerySet.filter`` on ``<prefix>latitude``/``<prefix>longitude``."""
        return {
            f"{prefix}latitude__gte": self.min_lat,
            f"{prefix}latitude__lte": self.max_lat,
            f"{prefix}longitude__gte": self.min_lon,
            f"{prefix}longitude__lte": self.max_lon,
        }


def distance_km(a: Point, b: Point) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(center: Point, radius_km: float) -> BoundingBox:
    """The smallest lat/lon box containing every point within ``radius_km`` of ``center``."""
    if radius_km < 0:
        raise ValueError("radius must be positive")
    dlat = radius_km / KM_PER_DEGREE_LAT
    cos_lat = max(math.cos(math.radians(center.lat)), 1e-6)
    dlon = min(180.0, radius_km / (KM_PER_DEGREE_LAT * cos_lat))
    return BoundingBox(
        min_lat=max(-90.0, center.lat - dlat),
        max_lat=min(90.0, center.lat + dlat),
        min_lon=max(-180.0, center.lon - dlon),
        max_lon=min(180.0, center.lon + dlon),
    )


def public_point(private: Point, *, grid_m: int, salt: str) -> Point:
    """The point shown to others for a private one: computed once, then stored.

    The private point is snapped to the centre of a grid cell of ``grid_m`` metres, then moved by a
    stable pseudo-random offset of up to a third of a cell, derived from ``salt`` (e.g. the post's
    secret key). The result depends only on the cell and the salt, so asking again gives the same
    answer and averaging many answers reveals nothing finer than the cell.
    """
    if grid_m <= 0:
        raise ValueError("grid must be positive")
    step_lat = grid_m / 1000 / KM_PER_DEGREE_LAT
    cell_lat = math.floor(private.lat / step_lat)
    # The longitude step comes from the cell's latitude, not the private one: otherwise the public
    # longitude would vary continuously with the private latitude and give it away.
    step_lon = grid_m / 1000 / (KM_PER_DEGREE_LAT * math.cos(math.radians((cell_lat + 0.5) * step_lat)))
    cell_lon = math.floor(private.lon / step_lon)
    digest = hashlib.sha256(f"{salt}:{cell_lat}:{cell_lon}".encode()).digest()
    jitter_lat = (digest[0] / 255 - 0.5) * 2 / 3
    jitter_lon = (digest[1] / 255 - 0.5) * 2 / 3
    lat = (cell_lat + 0.5 + jitter_lat) * step_lat
    lon = (cell_lon + 0.5 + jitter_lon) * step_lon
    return Point(round(lat, 5), round(lon, 5))
