import math

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from solidarite.accounts import throttle
from solidarite.accounts.models import User
from solidarite.places.models import Quartier


class SignUpForm(forms.Form):
    display_name = forms.CharField(
        label=_("Votre prénom ou un pseudonyme"), max_length=60, help_text=_("C'est ce que les autres verront.")
    )
    email = forms.EmailField(label=_("Adresse e-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    quartier = forms.ModelChoiceField(
        label=_("Votre quartier"),
        queryset=Quartier.objects.all(),
        required=False,
        empty_label=_("Je préfère ne pas dire"),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Au moins 10 caractères, pas seulement des chiffres."),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None:
            if not existing.is_active and existing.email_confirmed_at is None:
                # The view sends the link again: the person most likely lost the first e-mail.
                self.pending_account = existing
                raise forms.ValidationError(
                    _("Ce compte attend encore la confirmation de son adresse."), code="unconfirmed"
                )
            raise forms.ValidationError(
                _("Un compte existe déjà avec cette adresse. Connectez-vous, ou demandez un nouveau mot de passe.")
            )
        return email

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            candidate = User(email=cleaned.get("email", ""), display_name=cleaned.get("display_name", ""))
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class ThrottledSignInMixin:
    """Counts every sign-in attempt of an AuthenticationForm per client address (``throttle``);
    past a limit, refuses it with the wait left, without checking the password."""

    def clean(self):
        email, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if not (email and password):  # nothing is checked, nothing to count
            return super().clean()
        attempt = throttle.attempt(self.request, email)
        if attempt.refused:
            self.retry_after = math.ceil(attempt.seconds_left)
            minutes = attempt.minutes_left
            if attempt.refused == "address":
                message = ngettext(
                    "Trop d'essais depuis cette connexion. Réessayez dans %(minutes)s minute.",
                    "Trop d'essais depuis cette connexion. Réessayez dans %(minutes)s minutes.",
                    minutes,
                )
            else:
                message = ngettext(
                    "Trop d'essais pour ce compte depuis cette connexion. Réessayez dans %(minutes)s minute, "
                    "ou demandez un nouveau mot de passe.",
                    "Trop d'essais pour ce compte depuis cette connexion. Réessayez dans %(minutes)s minutes, "
                    "ou demandez un nouveau mot de passe.",
                    minutes,
                )
            raise forms.ValidationError(message, code="locked", params={"minutes": minutes})
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            self.failed_sign_in(email, password)
            raise
        throttle.succeeded(attempt)
        return cleaned

    def failed_sign_in(self, email, password):
        """Hook: the attempt stays counted; a form may explain the failure better."""


class LoginForm(ThrottledSignInMixin, AuthenticationForm):
    """E-mail and password, with a pause after repeated failures from the same address."""

    username = forms.EmailField(
        label=_("Adresse e-mail"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Adresse e-mail ou mot de passe incorrect."),
        "inactive": _("Ce compte n'est pas encore activé : ouvrez le lien reçu par e-mail."),
    }

    def failed_sign_in(self, email, password):
        self._explain_unconfirmed(email, password)

    def _explain_unconfirmed(self, email, password):
        """The backend refuses inactive accounts like a wrong password; to the person who knows the
        password, say instead that the address still awaits confirmation."""
        user = User.objects.filter(email__iexact=email.strip(), is_active=False, email_confirmed_at=None).first()
        if user is not None and password and user.check_password(password):
            raise forms.ValidationError(self.error_messages["inactive"], code="inactive")


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "quartier", "phone", "share_email", "share_phone", "contact_note"]
        widgets = {"phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})}

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = phone.replace(" ", "").replace(".", "").replace("-", "")
        if digits and not (digits.lstrip("+").isdigit() and 10 <= len(digits) <= 15):
            raise forms.ValidationError(_("Numéro de téléphone invalide, par exemple : 06 12 34 56 78."))
        return phone

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("share_phone") and not cleaned.get("phone"):
            self.add_error("phone", _("Indiquez un numéro pour pouvoir le partager."))
        return cleaned


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Votre mot de passe, pour confirmer"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Mot de passe incorrect."))
        return password
