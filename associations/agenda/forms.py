"""The agenda's filters: the directory's (words, theme, quartier) and which kind of entry to show."""

from django import forms
from django.utils.translation import gettext_lazy as _

from associations.directory.forms import DirectoryFilterForm
from associations.directory.models import Action


class AgendaFilterForm(DirectoryFilterForm):
    ACTIONS, INITIATIVES = "associations", "commerces"

    source = forms.ChoiceField(
        label=_("Afficher"),
        required=False,
        choices=[
            ("", _("Tout")),
            (ACTIONS, _("Les actions des associations")),
            (INITIATIVES, _("Les initiatives solidaires des commerces")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, model=Action, **kwargs)
        del self.fields["benevoles"]
        self.fields["q"].label = _("Rechercher")

    def shows(self, data: dict, source: str) -> bool:
        """Whether the filters (``filters()``) let this kind of entry through; themes are tags of actions only."""
        if data.get("source") not in (None, "", source):
            return False
        return not (source == self.INITIATIVES and data.get("theme"))
