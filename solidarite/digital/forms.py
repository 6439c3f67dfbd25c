from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidarite.digital import venues
from solidarite.digital.models import DigitalPlace, Public, Service, Support
from solidarite.digital.services import EDITABLE
from solidarite.places.geo import Point
from solidarite.places.models import Quartier, within_town


class SearchForm(forms.Form):
    """The filters of the list, the map and the API: services (all of them), and where to start from."""

    service = forms.MultipleChoiceField(
        label=gettext_lazy("Services"), choices=Service.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    quartier = forms.ModelChoiceField(
        label=gettext_lazy("Près du quartier"),
        queryset=Quartier.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("tous les quartiers"),
    )
    dans_le_quartier = forms.BooleanField(label=gettext_lazy("Seulement dans ce quartier"), required=False)
    lat = forms.FloatField(label=gettext_lazy("Latitude"), required=False, min_value=-90, max_value=90, localize=True)
    lon = forms.FloatField(
        label=gettext_lazy("Longitude"), required=False, min_value=-180, max_value=180, localize=True
    )

    def clean(self):
        data = super().clean()
        lat, lon = data.get("lat"), data.get("lon")
        if (lat is None) != (lon is None):
            raise forms.ValidationError(_("Donnez la latitude et la longitude, ou aucune des deux."))
        if lat is not None and not within_town(Point(lat, lon)):
            raise forms.ValidationError(
                _("Ce point est loin de %(town)s : vérifiez la latitude et la longitude.")
                % {"town": settings.TOWN_NAME}
            )
        return data

    def filters(self) -> dict:
        """``search.nearest``'s arguments: the point given, else the quartier's centre (nearest first)."""
        data = self.cleaned_data
        origin = None
        if data.get("lat") is not None:
            origin = Point(data["lat"], data["lon"])
        elif data.get("quartier"):
            origin = data["quartier"].center
        return {
            "services": data.get("service") or [],
            "quartier": data["quartier"] if data.get("quartier") and data.get("dans_le_quartier") else None,
            "origin": origin,
        }


class PlaceForm(forms.ModelForm):
    publics = forms.MultipleChoiceField(
        label=gettext_lazy("Publics accueillis en particulier"),
        choices=Public.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Rien de coché : tout public."),
    )
    support = forms.MultipleChoiceField(
        label=gettext_lazy("Accompagnement adapté"),
        choices=Support.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = DigitalPlace
        fields = EDITABLE

    def _post_clean(self):
        # The model is checked by the service (``services._apply``), with the place it points to set:
        # the form alone would break the « exactly one place » constraint before a place is chosen.
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDITABLE}


class MarkForm(PlaceForm):
    """The place to mark (among those the person may), then what it offers."""

    lieu = forms.ChoiceField(label=gettext_lazy("Le lieu"))

    field_order = ["lieu"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["lieu"].choices = [("", "—")] + [
            (label, [(v.key, f"{v.name} — {v.address}") for v in group]) for label, group in venues.choices_for(user)
        ]

    def clean_lieu(self):
        obj = venues.find(self.cleaned_data["lieu"], self.user)
        if obj is None:
            raise forms.ValidationError(_("Choisissez un lieu de la liste."))
        return obj
