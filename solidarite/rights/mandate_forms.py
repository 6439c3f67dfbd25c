"""Forms of the mandates and of the mediators' grants. They parse; ``mandates`` decides."""

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from solidarite.rights import mandates
from solidarite.rights.mandate_models import Scope

DURATIONS = [(1, _("1 mois")), (3, _("3 mois")), (6, _("6 mois")), (12, _("12 mois (le maximum)"))]


def _account(email: str):
    """The active account with this address, or a French error (for the field ``email`` is in)."""
    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError(_("Aucun compte actif avec cette adresse : laissez vide et indiquez nom et téléphone."))
    return user


class ServiceErrors:
    def add_service_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                target = {"resident": "resident_email", "ends_on": "months"}.get(field, field)
                for item in errors:
                    self.add_error(target if target in self.fields else None, item)
        else:
            for message in error.messages:
                self.add_error(None, message)


class MandateForm(ServiceErrors, forms.Form):
    structure = forms.ModelChoiceField(queryset=None, label=_("Votre structure"), empty_label=None)
    resident_email = forms.EmailField(
        label=_("Si la personne a un compte : son adresse e-mail"),
        required=False,
        help_text=_("Elle verra le mandat sur son compte et pourra le révoquer elle-même."),
    )
    resident_name = forms.CharField(
        label=_("Sinon : son nom"),
        required=False,
        max_length=100,
        help_text=_("Prénom et nom, comme elle se présente."),
    )
    resident_phone = forms.CharField(
        label=_("Et son téléphone"),
        required=False,
        max_length=20,
        help_text=_("Nom et téléphone sont effacés dès la fin du mandat."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Ce que la structure pourra faire pour elle"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    months = forms.TypedChoiceField(
        label=_("Durée du mandat"), choices=DURATIONS, coerce=int, initial=12, widget=forms.RadioSelect
    )
    consent_method = forms.ChoiceField(
        label=_("Comment la personne a donné son accord"),
        choices=[(method.value, method.label) for method in mandates.OFFERED_CONSENT],
        widget=forms.RadioSelect,
    )
    explained = forms.BooleanField(
        label=_(
            "J'ai expliqué à la personne ce que couvre le mandat, sa durée, et qu'elle peut le révoquer à tout moment."
        )
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["structure"].queryset = mandates.structures_of(user)

    def clean_resident_email(self):
        email = self.cleaned_data.get("resident_email", "")
        return _account(email) if email else None

    def save(self):
        data = self.cleaned_data
        return mandates.create(
            by=self.user,
            structure=data["structure"],
            scopes=data["scopes"],
            consent_method=data["consent_method"],
            ends_on=mandates.add_months(mandates.today(), data["months"]) - dt.timedelta(days=1),
            resident=data.get("resident_email"),
            resident_name=data.get("resident_name", ""),
            resident_phone=data.get("resident_phone", ""),
        )


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Motif (facultatif)"), required=False, max_length=500)


class GrantForm(ServiceErrors, forms.Form):
    user = forms.EmailField(label=_("Adresse e-mail du ou de la membre"))
    association = forms.ModelChoiceField(
        queryset=None,
        label=_("Structure d'action sociale"),
        help_text=_("Seules les associations d'action sociale peuvent avoir des médiateur·rices."),
    )

    def __init__(self, *args, **kwargs):
        from associations.directory.models import Association

        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = Association.objects.filter(is_social_action=True).order_by("name")

    def clean_user(self):
        user = get_user_model().objects.filter(email__iexact=self.cleaned_data["user"].strip()).first()
        if user is None:
            raise ValidationError(_("Aucun compte avec cette adresse."))
        return user
