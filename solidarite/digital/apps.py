from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigitalConfig(AppConfig):
    name = "solidarite.digital"
    label = "digital"
    verbose_name = _("Numérique")

    def ready(self):
        from solidarite.accounts import personal_data
        from solidarite.digital import personal_data as digital_data

        personal_data.register(digital_data.handler())
