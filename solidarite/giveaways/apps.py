from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GiveawaysConfig(AppConfig):
    name = "solidarite.giveaways"
    label = "giveaways"
    verbose_name = _("Dons entre voisins")

    def ready(self):
        from solidarite.accounts import personal_data
        from solidarite.giveaways import notices
        from solidarite.giveaways import personal_data as giveaways_data

        notices.register()
        personal_data.register(giveaways_data.handler())
