"""Forms of the equipment pages: they parse the shape; the rules are the services'."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from solidarite.equipment.models import Public, Wanted
from solidarite.places.models import Quartier
from solidarite.rights import mandates
from solidarite.rights.mandate_models import Scope
from solidarite.rights.models import Place


class RequestForm(forms.Form):
    public = forms.ChoiceField(
        label=_("La situation du foyer"),
        choices=Public.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Choisissez celle qui compte le plus : elle fixe la priorité. On vous demandera de la montrer "
            "le jour de la remise ; rien n'est gardé."
        ),
    )
    wanted = forms.ChoiceField(label=_("L'appareil souhaité"), choices=Wanted.choices, widget=forms.RadioSelect)
    address = forms.CharField(
        label=_("Adresse du foyer"),
        max_length=250,
        help_text=_(
            "Numéro, rue, et bâtiment ou appartement. Elle sert à compter un appareil par foyer ; "
            "elle est effacée à la remise."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postal_code = forms.CharField(
        label=_("Code postal"),
        max_length=5,
        initial="44400",
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    quartier = forms.ModelChoiceField(
        label=_("Quartier"), queryset=Quartier.objects.all(), required=False, empty_label=_("Je ne sais pas")
    )
    mandate = forms.ModelChoiceField(
        label=_("Pour la personne (mandat)"), queryset=None, required=False, empty_label=_("Pour moi-même")
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = mandates.for_act(user, Scope.HELP_REQUESTS) if user is not None and user.is_authenticated else None
        if choices is None or not choices.exists():
            del self.fields["mandate"]
        else:
            self.fields["mandate"].queryset = choices
            self.fields["mandate"].label_from_instance = mandates.mandate_label


class BatchForm(forms.Form):
    label = forms.CharField(label=_("Nom du lot (facultatif)"), max_length=100, required=False)
    place = forms.ModelChoiceField(
        label=_("Lieu de remise"),
        queryset=Place.objects.published().exclude(opening_hours=""),
        help_text=_("Les foyers y viendront chercher les appareils, aux horaires d'accueil du lieu."),
    )
    devices = forms.CharField(
        label=_("Appareils, un par ligne"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "« type ; caractéristiques ; état ; identifiant ». Type : portable, fixe ou tablette. "
            "État : a (comme neuf), b (bon), c (correct). Ex. « portable ; i5, 8 Go, 256 Go SSD ; b ; RZ-0042 »."
        ),
    )
    lendable = forms.BooleanField(
        label=_("Ces appareils sont pour le prêt"),
        required=False,
        help_text=_(
            "La ville les prête quelques semaines aux foyers qui attendent, puis les reprend. Elle ne les donne pas."
        ),
    )


class LendForm(forms.Form):
    """Staff lend a device kept for loans to a running request's household (``loans.lend``)."""

    device = forms.ModelChoiceField(label=_("Appareil gardé pour le prêt"), queryset=None, empty_label=None)
    first_day = forms.DateField(
        label=_("Jour du retrait"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    last_day = forms.DateField(
        label=_("Jour du retour"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Deux mois au plus."),
    )

    def __init__(self, *args, devices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["device"].queryset = devices
        self.fields["device"].label_from_instance = lambda device: f"{device} — {device.specs}"


class AssignForm(forms.Form):
    device = forms.IntegerField(label=_("Appareil"), min_value=1, max_value=2**62)
    reason = forms.CharField(label=_("Motif de l'attribution à la main"), max_length=300)


class RefurbisherForm(forms.Form):
    email = forms.EmailField(label=_("E-mail du compte de la personne"))
    organisation = forms.CharField(label=_("Structure de reconditionnement"), max_length=150)

    def clean_email(self):
        user = get_user_model().objects.filter(email__iexact=self.cleaned_data["email"]).first()
        if user is None:
            raise forms.ValidationError(_("Aucun compte avec cet e-mail : la personne doit d'abord s'inscrire."))
        return user
