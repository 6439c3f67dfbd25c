from django.apps import AppConfig


class RoomsConfig(AppConfig):
    name = "associations.rooms"
    label = "rooms"
