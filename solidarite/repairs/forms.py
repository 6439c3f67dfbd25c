"""Forms of the repair cafés' pages. They collect; the services check (one set of rules, pages and API)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from solidarite.repairs import ords

CATEGORY_CHOICES = [("", _("— choisir —")), *sorted(ords.choices(ords.PRODUCT_CATEGORIES), key=lambda c: str(c[1]))]
DECIMAL = {"inputmode": "decimal", "autocomplete": "off"}


class PreregisterForm(forms.Form):
    product_category = forms.ChoiceField(label=_("Catégorie d'appareil"), choices=CATEGORY_CHOICES)
    brand = forms.CharField(label=_("Marque (si vous la connaissez)"), max_length=80, required=False)
    problem = forms.CharField(
        label=_("La panne, en quelques mots"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sans nom, e-mail ni téléphone : ce texte est publié dans les données ouvertes."),
    )


class RecordForm(PreregisterForm):
    product_age = forms.CharField(
        label=_("Âge approximatif (années)"), required=False, max_length=10, widget=forms.TextInput(attrs=DECIMAL)
    )
    weight_kg = forms.CharField(
        label=_("Poids (kg)"),
        max_length=10,
        widget=forms.TextInput(attrs=DECIMAL),
        help_text=_("Pesez l'objet à son arrivée, par exemple 1,2."),
    )


class ArriveForm(forms.Form):
    product_age = forms.CharField(
        label=_("Âge approximatif (années)"), required=False, max_length=10, widget=forms.TextInput(attrs=DECIMAL)
    )
    weight_kg = forms.CharField(label=_("Poids (kg)"), max_length=10, widget=forms.TextInput(attrs=DECIMAL))


class OutcomeForm(forms.Form):
    repair_status = forms.TypedChoiceField(
        label=_("Issue"),
        coerce=int,
        choices=[c for c in ords.choices(ords.REPAIR_STATUSES) if c[0] != ords.UNKNOWN],
        widget=forms.RadioSelect,
    )
    repair_barrier = forms.ChoiceField(
        label=_("Obstacle (seulement en fin de vie)"),
        required=False,
        choices=[("", _("— aucun —")), *ords.choices(ords.REPAIR_BARRIERS)],
    )
    repairers = forms.MultipleChoiceField(
        label=_("Réparé par"), required=False, widget=forms.CheckboxSelectMultiple, choices=[]
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["repairers"].choices = [(str(p.pk), p.public_name) for p in people]
