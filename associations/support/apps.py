from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "associations.support"
    label = "support"
    verbose_name = _("Soutiens exceptionnels")

    def ready(self):
        from django.core import checks

        from associations.support import personal_data
        from associations.support.checks import town_siret
        from solidarite.accounts import personal_data as registry

        registry.register(personal_data.HANDLER)
        checks.register(town_siret, "support")
