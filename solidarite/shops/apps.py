from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopsConfig(AppConfig):
    name = "solidarite.shops"
    label = "shops"
    verbose_name = _("Commerces de proximité")

    def ready(self):
        from associations.directory import page_sections
        from solidarite.accounts import personal_data
        from solidarite.accounts.roles import register_role_provider
        from solidarite.shops import notices
        from solidarite.shops import personal_data as shop_data
        from solidarite.shops.roles import shopkeeper_roles
        from solidarite.shops.search import association_section

        notices.register()
        personal_data.register(shop_data.handler())
        register_role_provider(shopkeeper_roles)
        # The association's page lists the initiatives its partner shops run with it.
        page_sections.register(
            page_sections.Section("shops/includes/association_partners.html", context=association_section)
        )
