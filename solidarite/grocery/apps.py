from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroceryConfig(AppConfig):
    name = "solidarite.grocery"
    label = "grocery"
    verbose_name = _("Épicerie sociale")

    def ready(self):
        from solidarite.accounts import personal_data
        from solidarite.accounts.roles import register_role_provider
        from solidarite.grocery import feeds, notices, roles
        from solidarite.grocery import personal_data as grocery_data

        notices.register()
        feeds.register()
        register_role_provider(roles.provider)
        personal_data.register(grocery_data.handler())
