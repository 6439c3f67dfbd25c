from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "solidarite.dashboard"
    label = "dashboard"
