from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopsConfig(AppConfig):
    name = "solidarite.shops"
    label = "shops"
    verbose_name = _("Commerces de proximité")

    def ready(self):
        from solidarite.accounts import personal_data
        from solidarite.accounts.roles import register_role_provider
        from solidarite.shops import personal_data as shop_data
        from solidarite.shops.roles import shopkeeper_roles

        personal_data.register(shop_data.handler())
        register_role_provider(shopkeeper_roles)
