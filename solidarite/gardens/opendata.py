"""Open data: gardens and fruit trees as GeoJSON (RFC 7946) features carrying OpenStreetMap tags.

Gardens: ``leisure=garden`` + ``garden:type=community`` (a shared garden) or ``landuse=allotments``
(family plots), with ``name``, ``operator``, ``opening_hours`` (OSM syntax is for exports) and
``wheelchair=limited`` where raised beds are offered. Trees: ``natural=tree``, ``species``, ``taxon``,
``name``. Coordinates are [longitude, latitude], as the standard says. Nothing about a person.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from solidarite.gardens.models import Garden, Tree


def _feature(lon, lat, properties) -> dict:
    point = {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}
    return {"type": "Feature", "geometry": point, "properties": properties}


def garden_tags(garden: Garden) -> dict:
    if garden.kind == Garden.Kind.ALLOTMENTS:
        tags = {"landuse": "allotments"}
    else:
        tags = {"leisure": "garden", "garden:type": "community"}
    tags["name"] = garden.name
    tags["operator"] = garden.run_by
    tags["addr:full"] = garden.address
    if garden.opening_hours:
        tags["opening_hours"] = garden.opening_hours
    if garden.raised_beds:
        tags["wheelchair"] = "limited"
    return tags


def tree_tags(tree: Tree) -> dict:
    return {
        "natural": "tree",
        "species": tree.species,
        "taxon": tree.species,
        "name": tree.name,
        "fruit": tree.fruit,
        "orchard": tree.orchard.name,
    }


def gardens_collection() -> dict:
    rows = Garden.objects.filter(is_active=True).select_related("association").order_by("pk")
    return {"type": "FeatureCollection", "features": [_feature(g.longitude, g.latitude, garden_tags(g)) for g in rows]}


def trees_collection() -> dict:
    rows = Tree.objects.filter(orchard__is_active=True).select_related("orchard").order_by("pk")
    return {"type": "FeatureCollection", "features": [_feature(t.longitude, t.latitude, tree_tags(t)) for t in rows]}


def _geojson(data) -> JsonResponse:
    response = JsonResponse(data, content_type="application/geo+json", json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def gardens_geojson(request):
    return _geojson(gardens_collection())


@require_GET
def trees_geojson(request):
    return _geojson(trees_collection())
