from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "solidarite.rights"
    label = "rights"
    verbose_name = _("Accès aux droits")

    def ready(self):
        from solidarite.accounts import personal_data
        from solidarite.accounts.roles import register_role_provider
        from solidarite.rights import appointments, feeds, mandates, notices
        from solidarite.rights import personal_data as rights_data

        notices.register()
        notices.register_appointments()
        notices.register_waitlist_and_reminders()
        feeds.register()
        notices.register_mandates()
        register_role_provider(mandates.roles)
        mandates.register_end_hook(appointments.cancel_under_mandates)
        personal_data.register(rights_data.handler())
