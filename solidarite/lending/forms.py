from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from solidarite.lending.models import Condition, Item


class BookForm(forms.Form):
    first_day = forms.DateField(label=_("Jour du retrait"), widget=forms.DateInput(attrs={"type": "date"}))
    last_day = forms.DateField(label=_("Jour du retour"), widget=forms.DateInput(attrs={"type": "date"}))


class HandoverForm(forms.Form):
    condition = forms.ChoiceField(label=_("État de l'objet"), choices=Condition.choices)
    weight_kg = forms.DecimalField(
        label=_("Poids pesé (kg)"),
        min_value=Decimal("0.01"),
        max_value=Decimal("1000"),
        decimal_places=2,
        help_text=_("Pesez l'objet avec ses accessoires : c'est le poids prêté des bilans. Ex. 1,5"),
        # A comma, as people write it here (a dot works too).
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    deposit = forms.BooleanField(label=_("Caution reçue"), required=False)
    note = forms.CharField(label=_("Remarque sur l'objet (facultatif)"), max_length=500, required=False)

    def __init__(self, *args, back: bool, item: Item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["condition"].initial = item.condition
        self.fields["weight_kg"].initial = item.weight_kg or None
        if back:
            self.fields["deposit"].label = _("Caution rendue")


class CategoryFilter(forms.Form):
    categorie = forms.ChoiceField(
        label=_("Catégorie"),
        choices=[("", _("Toutes"))] + [c for c in Item.Category.choices if c[0] != Item.Category.DIGITAL],
        required=False,
    )
