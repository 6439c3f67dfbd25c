from django import forms
from django.utils.translation import gettext_lazy as _

from associations.directory.models import Association
from solidarite.places.models import Quartier
from solidarite.places.widgets import point_widgets
from solidarite.shops.models import Initiative, Shop
from solidarite.shops.services import EDITABLE_FIELDS
from solidarite.shops.validators import clean_siret


def _tag_list(value: str) -> list[str]:
    return [t.strip() for t in (value or "").split(",") if t.strip()]


class ShopSearchForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Type de commerce"), required=False)
    tag = forms.CharField(label=_("Mot-clé"), required=False, max_length=100)
    quartier = forms.ModelChoiceField(
        label=_("Quartier"),
        queryset=Quartier.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Tous les quartiers"),
    )
    open_now = forms.BooleanField(label=_("Ouvert maintenant"), required=False)
    initiative = forms.BooleanField(label=_("Avec une initiative solidaire en cours"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Tous les types"))] + list(Shop.Kind.choices)


class ShopForm(forms.ModelForm):
    website = forms.URLField(label=_("site web"), required=False, max_length=200, assume_scheme="https")
    tags_text = forms.CharField(
        label=_("Mots-clés"),
        required=False,
        max_length=300,
        help_text=_("Séparés par des virgules : vrac, bio, livres d'occasion…"),
    )
    payment_means = forms.MultipleChoiceField(
        label=_("Moyens de paiement acceptés"),
        choices=Shop.Payment.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Shop
        fields = [f for f in EDITABLE_FIELDS if f != "payment_means"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            **point_widgets(),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }
        help_texts = {"latitude": _("Facultatif : position sur la carte (ex. 47.1772)."), "longitude": ""}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["tags_text"].initial = ", ".join(sorted(self.instance.tags.names()))
            self.fields["payment_means"].initial = self.instance.payment_means

    def changes(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["payment_means"] = list(self.cleaned_data["payment_means"])
        return data

    def tags(self) -> list[str]:
        return _tag_list(self.cleaned_data.get("tags_text", ""))


class ShopCreateForm(ShopForm):
    siret = forms.CharField(
        label=_("SIRET du commerce"), max_length=20, help_text=_("14 chiffres, sur un Kbis ou une facture.")
    )
    message = forms.CharField(
        label=_("Message pour la mairie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Votre rôle dans le commerce, comment vous joindre pour la vérification."),
    )

    def clean_siret(self):
        return clean_siret(self.cleaned_data["siret"])


class ClaimForm(forms.Form):
    siret = forms.CharField(
        label=_("SIRET du commerce"), max_length=20, help_text=_("14 chiffres, sur un Kbis ou une facture.")
    )
    message = forms.CharField(
        label=_("Message pour la mairie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Votre rôle dans le commerce, comment vous joindre pour la vérification."),
    )

    def clean_siret(self):
        return clean_siret(self.cleaned_data["siret"])


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("Motif (envoyé à la personne)"), required=False, max_length=250)


class RejectForm(forms.Form):
    note = forms.CharField(label=_("Motif du refus (envoyé à la personne)"), max_length=250)


class VerifyForm(forms.Form):
    siret = forms.CharField(label=_("SIRET vérifié"), max_length=20)

    def clean_siret(self):
        return clean_siret(self.cleaned_data["siret"])


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Motif du masquage"), max_length=250)


class InitiativeForm(forms.ModelForm):
    association = forms.ModelChoiceField(
        label=_("Association partenaire"),
        queryset=Association.objects.listed(),
        to_field_name="slug",
        required=False,
        empty_label=_("Aucune"),
        help_text=_("Le partenariat apparaît aussi sur la page de l'association."),
    )

    class Meta:
        model = Initiative
        fields = ["kind", "title", "description", "starts_on", "ends_on", "association"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("La date de fin est avant la date de début."))
        return cleaned

    def _post_clean(self):
        # The service validates the model (it also runs for the API); the form only parses input.
        pass

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
