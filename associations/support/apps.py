from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "associations.support"
    label = "support"
    verbose_name = _("Soutiens exceptionnels")

    def ready(self):
        from associations.support import notices, personal_data
        from solidarite.accounts import personal_data as registry

        notices.register()
        registry.register(personal_data.HANDLER)
