"""Forms of the épicerie's pages: they parse and check the shape; the rules are the services'."""

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarite.grocery import services
from solidarite.grocery.models import EndReason, Grocery, Prescriber, SizeBand
from solidarite.places.models import Quartier


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if isinstance(value, dt.date) else value


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code d'accès"),
        max_length=20,
        help_text=_("10 caractères, par exemple K7QM4-RXPWZ (les tirets et les minuscules sont acceptés)."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class OrientationForm(forms.Form):
    grocery = forms.ModelChoiceField(label=_("Épicerie"), queryset=Grocery.objects.filter(is_active=True))
    size_band = forms.ChoiceField(label=_("Taille du foyer"), choices=SizeBand.choices)
    starts_on = forms.DateField(label=_("Début du droit"), widget=DateInput())
    ends_on = forms.DateField(label=_("Fin du droit"), widget=DateInput())
    allowance = forms.CharField(
        label=_("Montant mensuel accordé"),
        max_length=12,
        help_text=_("En euros ou en points, selon l'épicerie (ex. 50 ou 50,00)."),
    )
    quartier = forms.ModelChoiceField(
        label=_("Quartier d'habitation (facultatif)"),
        queryset=Quartier.objects.order_by("name"),
        required=False,
        empty_label=_("Ne souhaite pas le dire, ou hors commune"),
        help_text=_("Seulement si le foyer le dit : le quartier, jamais l'adresse. Il ne sert qu'aux chiffres."),
    )
    contact = forms.CharField(
        label=_("Contact choisi par le foyer (facultatif)"),
        max_length=150,
        required=False,
        help_text=_("Un téléphone ou un e-mail, seulement si le foyer le demande. Rien d'autre sur sa situation."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        grocery = data.get("grocery")
        if grocery is not None and "allowance" in data:
            try:
                data["allowance"] = services.parse_amount(grocery, data["allowance"])
            except services.GroceryError as error:
                self.add_error("allowance", error)
        return data


class RenewForm(forms.Form):
    ends_on = forms.DateField(label=_("Nouvelle fin du droit"), widget=DateInput())
    allowance = forms.CharField(
        label=_("Montant mensuel"), max_length=12, required=False, help_text=_("Vide : le même qu'avant.")
    )


class EndForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Pourquoi (facultatif)"),
        choices=[("", _("— sans le dire —")), *EndReason.choices],
        required=False,
        help_text=_("Rien sur la situation du foyer : une raison de la liste, ou aucune."),
    )


class VisitForm(forms.Form):
    amount = forms.CharField(label=_("Montant du passage"), max_length=12)


def _user_by_email(email: str):
    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise forms.ValidationError(_("Aucun compte actif n'a cette adresse e-mail."))
    return user


class PersonForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail de son compte"))

    def clean_email(self):
        return _user_by_email(self.cleaned_data["email"])


class PrescriberForm(PersonForm):
    kind = forms.ChoiceField(label=_("Structure"), choices=Prescriber.Kind.choices)
    organisation = forms.CharField(label=_("Nom de la structure"), max_length=150)
