from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpConfig(AppConfig):
    name = "solidarite.help"
    label = "help"
    verbose_name = _("Entraide")

    def ready(self):
        from solidarite.accounts import personal_data
        from solidarite.help import feeds, notices, retention
        from solidarite.help import personal_data as help_data
        from solidarite.rights import mandates

        feeds.register()
        notices.register()
        personal_data.register(help_data.handler())
        # A mandate's end purges the resident's details copied into the requests posted under it.
        mandates.register_end_hook(retention.purge_for_mandates)
