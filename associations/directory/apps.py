from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "associations.directory"
    label = "directory"
    verbose_name = _("Annuaire des associations")

    def ready(self):
        from associations.directory import notices, personal_data
        from solidarite.accounts import personal_data as registry
        from solidarite.accounts.roles import register_role_provider

        registry.register(personal_data.HANDLER)
        notices.register()
        register_role_provider(personal_data.manager_roles)
