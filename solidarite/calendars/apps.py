from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "solidarite.calendars"
    label = "calendars"
    verbose_name = _("Calendriers personnels")

    def ready(self):
        from solidarite.accounts import personal_data
        from solidarite.calendars import personal_data as calendars_data

        personal_data.register(calendars_data.handler())
