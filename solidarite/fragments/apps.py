from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FragmentsConfig(AppConfig):
    name = "solidarite.fragments"
    label = "fragments"
    verbose_name = _("Parties de pages en cache")
