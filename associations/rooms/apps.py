from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoomsConfig(AppConfig):
    name = "associations.rooms"
    label = "rooms"
    verbose_name = _("Salles")

    def ready(self):
        from associations.rooms import feeds, notices, personal_data
        from solidarite.accounts import personal_data as registry

        feeds.register()
        notices.register()
        registry.register(personal_data.HANDLER)
