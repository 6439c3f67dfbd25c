from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LendingConfig(AppConfig):
    name = "solidarite.lending"
    label = "lending"
    verbose_name = _("Objethèque")

    def ready(self):
        from solidarite.accounts import personal_data
        from solidarite.accounts.roles import register_role_provider
        from solidarite.lending import notices, roles
        from solidarite.lending import personal_data as lending_data

        notices.register()
        register_role_provider(roles.provider)
        personal_data.register(lending_data.handler())
