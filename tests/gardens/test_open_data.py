"""Gardens and trees as GeoJSON (RFC 7946) with OpenStreetMap tags, checked against a schema."""

import json

import jsonschema
import pytest

from tests.gardens.factories import make_garden, make_orchard

pytestmark = pytest.mark.django_db

POSITION = {"type": "array", "minItems": 2, "maxItems": 3, "items": {"type": "number"}}
# The parts of RFC 7946 these files use: a FeatureCollection of Point features with properties.
GEOJSON = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"const": "Feature"},
                    "geometry": {
                        "type": "object",
                        "required": ["type", "coordinates"],
                        "properties": {"type": {"const": "Point"}, "coordinates": POSITION},
                    },
                    "properties": {"type": ["object", "null"]},
                },
            },
        },
    },
}


def _geojson(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    jsonschema.validate(data, GEOJSON)
    return data


def test_gardens_carry_their_osm_tags_longitude_first(client):
    make_garden(raised_beds=True)
    make_garden(slug="familiaux", name="Jardins familiaux", kind="allotments", opening_hours="")

    features = _geojson(client, "/jardins/donnees/jardins.geojson")["features"]

    community, allotments = (f["properties"] for f in features)
    assert community["leisure"] == "garden" and community["garden:type"] == "community"
    assert community["opening_hours"] == "Mo-Su 08:00-20:00" and community["wheelchair"] == "limited"
    assert allotments["landuse"] == "allotments" and "leisure" not in allotments
    lon, lat = features[0]["geometry"]["coordinates"]
    assert -2 < lon < -1 and 47 < lat < 48


def test_trees_are_natural_tree_with_their_species(client):
    make_orchard()
    (tree,) = _geojson(client, "/jardins/donnees/arbres.geojson")["features"]
    assert tree["properties"]["natural"] == "tree"
    assert tree["properties"]["species"] == "Malus domestica"
    assert "person" not in json.dumps(tree)
