from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("includes/map_picker.html")
def map_picker():
    """The map that writes the point of a form into its ``data-map-lat`` / ``data-map-lon`` inputs.

    It brings its own stylesheet and scripts (all served from here, Leaflet included), so a form needs this
    one tag; the inputs stay the way to enter a point without JavaScript.
    """
    lat, lon = settings.TOWN_CENTER
    return {
        "tiles": settings.MAP_TILES_URL,
        "attribution": settings.MAP_TILES_ATTRIBUTION,
        "lat": str(lat),
        "lon": str(lon),
    }
