from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepairsConfig(AppConfig):
    name = "solidarite.repairs"
    label = "repairs"
    verbose_name = _("Repair cafés")

    def ready(self):
        from solidarite.accounts import personal_data
        from solidarite.accounts.roles import register_role_provider
        from solidarite.repairs import personal_data as repairs_data
        from solidarite.repairs import roles

        register_role_provider(roles.provider)
        personal_data.register(repairs_data.handler())
