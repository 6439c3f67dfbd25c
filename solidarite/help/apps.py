from django.apps import AppConfig


class HelpConfig(AppConfig):
    name = "solidarite.help"
    label = "help"
