from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepairsConfig(AppConfig):
    name = "solidarite.repairs"
    label = "repairs"
    verbose_name = _("Repair cafés")

    def ready(self):
        from associations.directory import page_sections
        from solidarite.accounts import personal_data
        from solidarite.accounts.roles import register_role_provider
        from solidarite.repairs import personal_data as repairs_data
        from solidarite.repairs import roles, services

        register_role_provider(roles.provider)
        personal_data.register(repairs_data.handler())
        # The association's page lists its repair cafés; its managers mark an action as one there.
        page_sections.register(
            page_sections.Section("repairs/includes/association_section.html", context=services.association_section)
        )
