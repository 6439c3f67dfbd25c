"""Forms parse and present; the rules live in ``services`` (whose errors come back onto the form)."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarite.giveaways.models import Category, Condition
from solidarite.giveaways.photos import check_photo
from solidarite.help.forms import DateTimeInput, LocationFields
from solidarite.help.models import Report
from solidarite.places.models import Quartier


def _now_minute():
    return timezone.localtime().replace(second=0, microsecond=0)


class GiftForm(LocationFields):
    title = forms.CharField(label=_("Quel objet donnez-vous ?"), max_length=120)
    category = forms.ChoiceField(
        label=_("Catégorie"),
        choices=Category.choices,
        help_text=_("Pas de nourriture : les règles d'hygiène l'interdisent."),
    )
    condition = forms.ChoiceField(label=_("État de l'objet"), choices=Condition.choices, initial=Condition.GOOD)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Taille, couleur, ce qui manque… Pas d'adresse ici : elle va dans les consignes de retrait."),
    )
    pickup_from = forms.DateTimeField(label=_("À retirer à partir du"), widget=DateTimeInput())
    pickup_until = forms.DateTimeField(label=_("À retirer jusqu'au"), widget=DateTimeInput())
    pickup_details = forms.CharField(
        label=_("Adresse et consignes de retrait"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Montrées seulement à la personne qui prend l'objet, une fois qu'elle a accepté."),
    )
    photo = forms.FileField(label=_("Une photo (facultatif)"), required=False, help_text=_("JPEG, PNG ou WebP."))
    alt_text = forms.CharField(
        label=_("Ce que montre la photo"),
        required=False,
        max_length=250,
        help_text=_("Obligatoire avec une photo, pour les personnes qui ne la voient pas."),
    )

    field_order = [
        "title",
        "category",
        "condition",
        "description",
        "photo",
        "alt_text",
        "quartier",
        "pickup_from",
        "pickup_until",
        "pickup_details",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pickup_from"].initial = _now_minute()
        self.fields["pickup_until"].initial = _now_minute() + dt.timedelta(days=7)

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            check_photo(photo)
        return photo

    def clean(self):
        data = super().clean()
        if data.get("photo") and not (data.get("alt_text") or "").strip():
            self.add_error("alt_text", ValidationError(_("Décrivez la photo pour les personnes qui ne la voient pas.")))
        return data

    def service_kwargs(self) -> dict:
        names = ["title", "category", "condition", "description", "pickup_from", "pickup_until", "pickup_details"]
        return {name: self.cleaned_data.get(name) for name in names} | self.location()


class PhotoForm(forms.Form):
    file = forms.FileField(label=_("Photo"), help_text=_("JPEG, PNG ou WebP."))
    alt_text = forms.CharField(label=_("Ce que montre la photo"), max_length=250)


class WishForm(LocationFields):
    what = forms.CharField(
        label=_("Que cherchez-vous ?"), max_length=200, help_text=_("Ex. « vélo enfant 16 pouces ».")
    )
    category = forms.ChoiceField(label=_("Catégorie"), choices=Category.choices)
    radius_km = forms.FloatField(label=_("Jusqu'à quelle distance (km) ?"), min_value=0.5, max_value=10, initial=3)
    until = forms.DateTimeField(label=_("Jusqu'au"), widget=DateTimeInput())

    field_order = ["what", "category", "quartier", "radius_km", "until"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["until"].initial = _now_minute() + dt.timedelta(days=30)

    def service_kwargs(self) -> dict:
        names = ["what", "category", "radius_km", "until"]
        return {name: self.cleaned_data.get(name) for name in names} | self.location()


class HandoverForm(forms.Form):
    weight_kg = forms.DecimalField(
        label=_("Poids de l'objet (kg)"),
        min_value=0.1,
        max_value=500,
        decimal_places=1,
        help_text=_("Pesé ou estimé au moment de la remise : il compte dans les chiffres de la ville."),
        # Text with a decimal keypad: a number input refuses « 3,5 » in some browsers.
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class DropForm(HandoverForm):
    shop = forms.ModelChoiceField(label=_("Ressourcerie"), queryset=None, empty_label=_("— choisissez —"))

    def __init__(self, *args, shops, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shop"].queryset = shops


class FilterForm(forms.Form):
    categorie = forms.ChoiceField(label=_("Catégorie"), required=False, choices=[("", _("Toutes"))] + Category.choices)
    quartier = forms.ModelChoiceField(
        Quartier.objects.all(), label=_("Quartier"), required=False, to_field_name="slug", empty_label=_("Tous")
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Motif"), choices=Report.Reason.choices)
    details = forms.CharField(
        label=_("Précisions (facultatif)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ModerationForm(forms.Form):
    note = forms.CharField(
        label=_("Message à l'auteur·rice"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Obligatoire pour avertir ou suspendre."),
    )
