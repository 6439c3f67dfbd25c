"""Forms parse and present; the rules live in ``services`` (whose errors come back onto the form)."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from solidarite.help.availability import parse_slots
from solidarite.help.models import Category, HelpOffer, Report, Urgency
from solidarite.help.workflow import REPORT
from solidarite.places.models import Quartier
from solidarite.rights.mandate_models import Scope
from solidarite.rights.mandates import for_act, mandate_label


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def split_tags(text: str) -> list[str]:
    return [t.strip() for t in (text or "").replace(";", ",").split(",") if t.strip()]


class CategoryChoiceField(forms.ModelChoiceField):
    """Category names are data in French, translated like the lists show them (categories_i18n)."""

    def label_from_instance(self, obj):
        return gettext(obj.name)


class CategoriesChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return gettext(obj.name)


# A service speaks of the point it snapped; the form shows it on the quartier chosen.
LOCATION_ALIASES = {"point": "quartier"}


class LocationFields(forms.Form):
    quartier = forms.ModelChoiceField(
        Quartier.objects.all(),
        label=_("Quartier"),
        required=False,
        empty_label=_("— choisissez votre quartier —"),
        help_text=_("Ou placez un point sur la carte : seul un point approximatif sera montré aux autres."),
    )
    latitude = forms.FloatField(required=False, widget=forms.HiddenInput(attrs={"data-map-lat": ""}))
    longitude = forms.FloatField(required=False, widget=forms.HiddenInput(attrs={"data-map-lon": ""}))

    def location(self) -> dict:
        lat, lon = self.cleaned_data.get("latitude"), self.cleaned_data.get("longitude")
        point = (lat, lon) if lat is not None and lon is not None else None
        return {"quartier": self.cleaned_data.get("quartier"), "point": point}


class HelpRequestForm(LocationFields):
    category = CategoryChoiceField(Category.objects.filter(active=True), label=_("De quelle aide avez-vous besoin ?"))
    description = forms.CharField(
        label=_("Décrivez votre besoin"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Pas d'adresse ni de téléphone ici : ils seront partagés avec la personne que vous choisirez."),
    )
    tags = forms.CharField(
        label=_("Mots-clés (facultatif)"), required=False, help_text=_("Séparés par des virgules : perceuse, étagère")
    )
    window_start = forms.DateTimeField(label=_("À partir du"), widget=DateTimeInput())
    window_end = forms.DateTimeField(label=_("Jusqu'au"), widget=DateTimeInput())
    urgency = forms.ChoiceField(label=_("Urgence"), choices=Urgency.choices, initial=Urgency.NORMAL)

    field_order = ["category", "description", "tags", "quartier", "window_start", "window_end", "urgency"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        mandates = for_act(user, Scope.HELP_REQUESTS) if user is not None and user.is_authenticated else None
        if mandates is not None and mandates.exists():
            # A mediator posts for a resident under a mandate (help-requests scope), or for themself.
            self.fields["mandate"] = forms.ModelChoiceField(
                mandates,
                label=_("Pour un·e habitant·e (sous mandat)"),
                required=False,
                empty_label=_("Pour moi-même"),
                help_text=_("Son nom et son téléphone iront seulement à la personne qui aidera."),
            )
            self.fields["mandate"].label_from_instance = mandate_label
            self.order_fields(["mandate", *self.field_order])

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {
            "category": data["category"],
            "description": data["description"],
            "tags": split_tags(data.get("tags")),
            "window_start": data["window_start"],
            "window_end": data["window_end"],
            "urgency": data["urgency"],
            **self.location(),
        }
        if data.get("mandate") is not None:
            kwargs["mandate"] = data["mandate"]
        return kwargs


class HelpRequestEditForm(forms.Form):
    description = forms.CharField(label=_("Décrivez votre besoin"), widget=forms.Textarea(attrs={"rows": 5}))
    tags = forms.CharField(label=_("Mots-clés (facultatif)"), required=False)
    urgency = forms.ChoiceField(label=_("Urgence"), choices=Urgency.choices)


class HelpOfferForm(LocationFields):
    categories = CategoriesChoiceField(
        Category.objects.filter(active=True),
        label=_("Pour quoi pouvez-vous aider ?"),
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Présentez votre proposition"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Pas d'adresse ni de téléphone ici."),
    )
    tags = forms.CharField(label=_("Mots-clés (facultatif)"), required=False)
    radius_km = forms.FloatField(
        label=_("Jusqu'à quelle distance (en km) ?"),
        initial=2,
        widget=forms.NumberInput(attrs={"step": "0.5", "min": "0.5", "max": "30"}),
    )
    available_from = forms.DateField(label=_("Disponible à partir du (facultatif)"), required=False, widget=DateInput())
    available_until = forms.DateField(label=_("Jusqu'au (facultatif)"), required=False, widget=DateInput())
    weekly_slots = forms.CharField(
        label=_("Créneaux de la semaine (facultatif)"),
        required=False,
        help_text=_("Par exemple : mar 14:00-18:00, sam 9h-12h. Vide : n'importe quand."),
    )
    alerts = forms.ChoiceField(
        label=_("Quand vous prévenir ?"),
        choices=HelpOffer.Alerts.choices,
        initial=HelpOffer.Alerts.IMMEDIATE,
        widget=forms.RadioSelect,
    )
    alerts_per_day = forms.IntegerField(
        label=_("Combien d'alertes par jour au plus ?"), initial=3, min_value=1, max_value=50
    )

    field_order = ["categories", "description", "tags", "quartier", "radius_km", "available_from", "available_until"]

    def clean_weekly_slots(self):
        return parse_slots(self.cleaned_data.get("weekly_slots", ""))

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "categories": list(data["categories"]),
            "description": data["description"],
            "tags": split_tags(data.get("tags")),
            "radius_km": data["radius_km"],
            "available_from": data.get("available_from"),
            "available_until": data.get("available_until"),
            "weekly_slots": data.get("weekly_slots") or [],
            "alerts": data["alerts"],
            "alerts_per_day": data["alerts_per_day"],
            **self.location(),
        }


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Votre message"), widget=forms.Textarea(attrs={"rows": 3}))


class DoneForm(forms.Form):
    thanks = forms.CharField(
        label=_("Un mot de remerciement (facultatif)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Pourquoi signalez-vous ce contenu ?"), choices=Report.Reason.choices)
    details = forms.CharField(
        label=_("Précisions (facultatif)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ModerationForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Décision"),
        choices=[(step.name, step.label) for step in REPORT],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Message à l'auteur·rice"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire pour un avertissement ou une suspension."),
    )
