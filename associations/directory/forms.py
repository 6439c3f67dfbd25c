import copy

from django import forms
from django.forms.models import construct_instance
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from associations.directory.models import Action, Association, Participation
from associations.directory.validators import normalize_rna, normalize_siret
from solidarite.contact import validate_postal_code
from solidarite.places.models import Quartier
from solidarite.places.widgets import point_widgets

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class TagsField(forms.CharField):
    """Themes typed as words separated by commas: "entraide, alimentation"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 400)
        kwargs.setdefault("label", _("Thèmes"))
        kwargs.setdefault("help_text", _("Quelques mots séparés par des virgules, ex. : entraide, culture, sport."))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return [part.strip() for part in value.split(",") if part.strip()]


def field_checks(form, skip: set[str]):
    """The model's field validators on a copy of the instance; whole-object rules are the service's job."""
    instance = construct_instance(form, copy.copy(form.instance), form._meta.fields)
    try:
        instance.clean_fields(exclude=form._get_validation_exclusions() | skip)
    except forms.ValidationError as error:
        form._update_errors(error)


class AssociationForm(forms.ModelForm):
    tags = TagsField()
    website = forms.URLField(label=_("Site web"), required=False, assume_scheme="https")
    # Longer than the stored value: people type spaces ("732 829 320 00074"); clean_* compacts them.
    rna = forms.CharField(label=_("Numéro RNA"), required=False, max_length=20, help_text=_("W suivi de 9 chiffres."))
    siret = forms.CharField(
        label=_("SIRET"),
        required=False,
        max_length=24,
        help_text=_("14 chiffres, sur l'avis de situation Insee. RNA ou SIRET : au moins l'un des deux."),
    )

    class Meta:
        model = Association
        fields = [
            "name",
            "rna",
            "siret",
            "purpose",
            "email",
            "phone",
            "website",
            "address",
            "postal_code",
            "city",
            "quartier",
            "latitude",
            "longitude",
            "opening_hours",
            "membership_fee",
            "accessibility",
            "accepts_volunteers",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 5}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            **point_widgets(),
        }
        help_texts = {
            "latitude": _("Facultatif : la position sur la carte (ex. 47,1772)."),
            "longitude": _("Facultatif (ex. -1,5492)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["tags"] = ", ".join(t.name for t in self.instance.tags.all())

    def clean_rna(self):
        return normalize_rna(self.cleaned_data["rna"])

    def clean_siret(self):
        return normalize_siret(self.cleaned_data["siret"])

    def _post_clean(self):
        # Uniqueness and the identifiers' rules live in the services; keep field validators only.
        field_checks(self, {"slug", "search_text"})

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields} | {"tags": self.cleaned_data["tags"]}


class ActionForm(forms.ModelForm):
    tags = TagsField()

    class Meta:
        model = Action
        fields = [
            "title",
            "kind",
            "description",
            "starts_at",
            "ends_at",
            "recurrence",
            "recurrence_until",
            "place_name",
            "address",
            "quartier",
            "latitude",
            "longitude",
            "wants_volunteers",
            "volunteers_needed",
        ]
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "recurrence_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 6}),
            **point_widgets(),
        }
        help_texts = {
            "description": _("Texte simple ; les liens sont autorisés, le reste du code HTML est retiré."),
            "recurrence_until": _("Pour une action qui se répète : la date de la dernière fois."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
        if self.instance.pk:
            self.initial["tags"] = ", ".join(t.name for t in self.instance.tags.all())

    def _post_clean(self):
        # The association and computed columns are set by the service, which runs the model checks.
        field_checks(self, {"association", "last_ends_at", "search_text"})

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields} | {"tags": self.cleaned_data["tags"]}


class InviteManagerForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse e-mail de la personne"),
        help_text=_("Elle recevra par e-mail un lien pour accepter ou refuser ; sans compte, elle pourra en créer un."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message aux responsables"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PostalCodeExceptionForm(forms.Form):
    postal_code = forms.CharField(
        label=_("Code postal accepté hors du département"),
        required=False,
        max_length=5,
        validators=[validate_postal_code],
        help_text=_("5 chiffres. Laissez vide pour retirer l'exception."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Fusionner dans la page"),
        queryset=Association.objects.filter(merged_into__isnull=True),
        to_field_name="slug",
    )
    message = forms.CharField(label=_("Raison"), required=False)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Raison de l'annulation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ParticipationForm(forms.Form):
    kind = forms.ChoiceField(choices=Participation.Kind.choices)


def theme_choices(model):
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(model)
    tags = (
        Tag.objects.filter(taggit_taggeditem_items__content_type=content_type)
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )
    return [("", _("Tous les thèmes")), *tags]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=100)
    theme = forms.ChoiceField(label=_("Thème"), required=False)
    quartier = forms.ModelChoiceField(
        label=_("Quartier"),
        queryset=Quartier.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Tous les quartiers"),
    )
    benevoles = forms.BooleanField(label=_("Accepte des bénévoles"), required=False)

    def __init__(self, *args, model=Association, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = theme_choices(model)

    def filters(self) -> dict:
        """The valid filters; an unknown theme or quartier (an old bookmark) still filters, to nothing."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = dict(self.cleaned_data)
        for name in ("theme", "quartier"):
            if name in self.errors:
                data[name] = "__unknown__"
        return data
