from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EquipmentConfig(AppConfig):
    name = "solidarite.equipment"
    label = "equipment"
    verbose_name = _("Équipement numérique")

    def ready(self):
        from solidarite.accounts import personal_data
        from solidarite.accounts.roles import register_role_provider
        from solidarite.equipment import notices, roles
        from solidarite.equipment import personal_data as equipment_data
        from solidarite.rights import mandates

        notices.register()
        register_role_provider(roles.provider)
        personal_data.register(equipment_data.handler())
        mandates.register_end_hook(equipment_data.mandates_ended)
