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


class ItemForm(forms.Form):
    """What a lender's manager says of an item (``catalogue.FIELDS``); the service checks it again."""

    lender = forms.ChoiceField(label=_("Prêteur"))
    name = forms.CharField(label=_("Nom de l'objet"), max_length=150)
    category = forms.ChoiceField(
        label=_("Catégorie"),
        choices=Item.Category.choices,
        help_text=_("Les kits économies d'énergie et d'eau ont leur catégorie : ils sont mis en avant."),
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    guide = forms.CharField(
        label=_("Ce qu'il faut mesurer (kits)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Pour les kits : quoi mesurer, comment, et que faire des résultats, en phrases simples."),
    )
    condition = forms.ChoiceField(label=_("État"), choices=Condition.choices, initial=Condition.GOOD)
    deposit = forms.DecimalField(
        label=_("Caution (€)"),
        min_value=Decimal("0"),
        max_value=Decimal("10000"),
        decimal_places=2,
        initial=Decimal("0"),
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    weight_kg = forms.DecimalField(
        label=_("Poids (kg)"),
        min_value=Decimal("0.01"),
        max_value=Decimal("1000"),
        decimal_places=2,
        localize=True,
        help_text=_("Avec ses accessoires : c'est le poids prêté des bilans. Ex. 1,5"),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    max_days = forms.IntegerField(label=_("Durée maximale d'un prêt (jours)"), min_value=1, max_value=60, initial=14)
    pickup_point = forms.CharField(
        label=_("Point de retrait"),
        max_length=250,
        required=False,
        help_text=_("Vide : l'adresse du prêteur."),
    )

    def __init__(self, *args, lenders, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lenders = {str(lender.pk): lender for lender in lenders}
        self.fields["lender"].choices = [(pk, lender.name) for pk, lender in self.lenders.items()]
        if item is not None:
            # The lender is chosen once, when the item is added.
            del self.fields["lender"]
        elif len(self.lenders) == 1:
            self.fields["lender"].initial = next(iter(self.lenders))

    def item_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "lender"}


class ItemPhotoForm(forms.Form):
    file = forms.FileField(label=_("Photo"), help_text=_("JPEG, PNG ou WebP."))
    alt_text = forms.CharField(
        label=_("Ce que montre la photo"),
        max_length=250,
        help_text=_("Obligatoire, pour les personnes qui ne la voient pas (ex. « Wattmètre branché »)."),
    )
