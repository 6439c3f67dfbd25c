from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    """The town agenda: associations' actions and shops' initiatives merged in pages and feeds.

    Above the directory and the shops (docs/architecture.md), so that neither imports the other. No models.
    """

    name = "associations.agenda"
    label = "agenda"
    verbose_name = _("Agenda des associations")
