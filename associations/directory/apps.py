from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "associations.directory"
    label = "directory"
