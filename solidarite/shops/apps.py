from django.apps import AppConfig


class ShopsConfig(AppConfig):
    name = "solidarite.shops"
    label = "shops"
