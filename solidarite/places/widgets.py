"""Form widgets for a point typed as two decimals, which static/js/map_picker.js can also set from a map."""

from django import forms


def point_widgets() -> dict:
    """``Meta.widgets`` entries for the ``latitude`` and ``longitude`` fields of a form with a ``{% map_picker %}``."""
    return {
        "latitude": forms.NumberInput(attrs={"step": "any", "data-map-lat": ""}),
        "longitude": forms.NumberInput(attrs={"step": "any", "data-map-lon": ""}),
    }
