from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "solidarite.places"
    label = "places"
