from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GardensConfig(AppConfig):
    name = "solidarite.gardens"
    label = "gardens"
    verbose_name = _("Jardins partagés et vergers")

    def ready(self):
        from solidarite.accounts import personal_data
        from solidarite.accounts.roles import register_role_provider
        from solidarite.gardens import notices, roles
        from solidarite.gardens import personal_data as garden_data

        notices.register()
        register_role_provider(roles.provider)
        personal_data.register(garden_data.handler())
