from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigitalConfig(AppConfig):
    name = "solidarite.digital"
    label = "digital"
    verbose_name = _("Numérique")

    def ready(self):
        from associations.directory import page_sections
        from solidarite.accounts import personal_data
        from solidarite.digital import personal_data as digital_data
        from solidarite.digital.search import association

        personal_data.register(digital_data.handler())
        # The association's page says when its premises are a place of digital help, and links to it.
        page_sections.register(page_sections.Section("digital/includes/association_section.html", context=association))
