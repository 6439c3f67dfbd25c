from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from solidarite.rights import services
from solidarite.rights.models import Aid, Place
from solidarite.rights.vocabulary import CATEGORIES, THEMATIQUE_CHOICES, Institution, Public


def theme_filter_choices(used: set[str] | None = None) -> list:
    """Each category ("all of housing") then its thematiques, grouped; only what the guide uses, when given."""
    choices: list = [("", _("Tous les thèmes"))]
    for category, label, subs in CATEGORIES:
        subs = [(code, sub_label) for code, sub_label in subs if used is None or code in used]
        if not subs:
            continue
        group = [(category, _("%(category)s : tout") % {"category": label}), *subs]
        choices.append((str(label), group))
    return choices


class QuickSelect(forms.Select):
    """Django's ``<select>`` (same options, groups, ``selected``), written in Python: the guide's theme list
    has up to ~170 options, and one template render per option cost more than the search itself
    (bench/rights.py, 500 aids)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]

        def option(o):
            pattern = '<option value="{}" selected>{}</option>' if o["selected"] else '<option value="{}">{}</option>'
            return format_html(pattern, o["value"], o["label"])

        def options(items):
            return format_html_join("", "{}", ((option(o),) for o in items))

        parts = []
        for group, items, _index in widget["optgroups"]:
            if group:
                parts.append(format_html('<optgroup label="{}">{}</optgroup>', group, options(items)))
            else:
                parts.append(options(items))
        attrs = {"name": widget["name"], **widget["attrs"]}
        return format_html("<select{}>{}</select>", flatatt(attrs), format_html_join("", "{}", ((p,) for p in parts)))


class AidSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        max_length=100,
        help_text=_("Un mot, un sigle : « logement », « RSA », « energie »… Les accents ne comptent pas."),
    )
    theme = forms.ChoiceField(label=_("Thème"), required=False, widget=QuickSelect)
    public = forms.ChoiceField(label=_("Pour qui"), required=False, widget=QuickSelect)
    institution = forms.ChoiceField(label=_("Qui l'accorde"), required=False, widget=QuickSelect)

    def __init__(self, *args, used_themes: set[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = theme_filter_choices(used_themes)
        self.fields["public"].choices = [("", _("Tout le monde"))] + [
            choice for choice in Public.choices if choice[0] != Public.ALL
        ]
        self.fields["institution"].choices = [("", _("Tous les organismes"))] + list(Institution.choices)

    def filters(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if value} if self.is_valid() else {}


def filter_aids(qs, filters: dict):
    """The guide's filters, shared by the page and the API. Aids for everyone match any public."""
    if filters.get("q"):
        qs = qs.search(filters["q"])
    if filters.get("theme"):
        qs = qs.with_theme(filters["theme"])
    if filters.get("public"):
        qs = qs.for_public(filters["public"])
    if filters.get("institution"):
        qs = qs.filter(institution=filters["institution"])
    return qs


class AidForm(forms.ModelForm):
    themes = forms.MultipleChoiceField(
        label=_("Thèmes (data·inclusion)"),
        choices=THEMATIQUE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Les thématiques nationales de data·inclusion : au moins une."),
    )
    publics = forms.MultipleChoiceField(
        label=_("Pour qui"), choices=Public.choices, widget=forms.CheckboxSelectMultiple
    )
    apply_online_url = forms.URLField(
        label=_("demande en ligne (lien)"), required=False, max_length=300, assume_scheme="https"
    )
    apply_form_url = forms.URLField(
        label=_("formulaire papier (lien)"), required=False, max_length=300, assume_scheme="https"
    )
    source_url = forms.URLField(label=_("source (lien officiel)"), max_length=300, assume_scheme="https")

    class Meta:
        model = Aid
        fields = services.TRACKED  # the form edits exactly what the history compares
        widgets = {
            "source_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "reviewed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "next_review_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["themes"].initial = self.instance.theme_codes
            self.fields["publics"].initial = self.instance.public_codes
        self.fields["provider"].queryset = Place.objects.order_by("name")
        self.fields["reviewed_on"].required = False
        self.fields["next_review_on"].required = False
        self.fields["next_review_on"].help_text = _("Laissée vide : dans six mois environ après la vérification.")

    def clean(self):
        data = super().clean()
        reviewed, due = data.get("reviewed_on"), data.get("next_review_on")
        if reviewed and due and due <= reviewed:
            self.add_error("next_review_on", _("La prochaine relecture vient après la dernière vérification."))
        publics = data.get("publics") or []
        if Public.ALL in publics and len(publics) > 1:
            self.add_error("publics", _("« Tout le monde » ne se combine pas avec un autre public."))
        return data


class ReviewedForm(forms.Form):
    """Nothing to fill: the POST itself says "checked against the source today"."""
