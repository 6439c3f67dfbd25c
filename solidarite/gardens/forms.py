from django import forms
from django.utils.translation import gettext_lazy as _

from solidarite.places.models import Quartier


class ApplyForm(forms.Form):
    quartier = forms.ModelChoiceField(
        label=_("Votre quartier"),
        queryset=Quartier.objects.all(),
        required=False,
        empty_label=_("Hors de la ville, ou je préfère ne pas le dire"),
        help_text=_("Certains jardins donnent la priorité aux habitant·es de leurs quartiers."),
    )
    wants_accessible = forms.BooleanField(
        label=_("J'ai besoin d'une parcelle accessible (bac surélevé, allée praticable)"), required=False
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte les règles de la liste d'attente. Le jardin garde mon inscription tant que j'attends, "
            "puis 12 mois après ma sortie de la liste."
        ),
        required=False,
    )


class AgreementForm(forms.Form):
    signed_on = forms.DateField(label=_("Convention signée le"), widget=forms.DateInput(attrs={"type": "date"}))
    fee = forms.DecimalField(label=_("Redevance de la saison (€)"), min_value=0, max_value=1000, decimal_places=2)


class RipeForm(forms.Form):
    fruit = forms.ChoiceField(label=_("Quels fruits sont mûrs ?"), choices=())

    def __init__(self, *args, fruits, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fruit"].choices = [(f, f) for f in fruits]
