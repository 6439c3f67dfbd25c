from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "associations.support"
    label = "support"
