import math
from datetime import datetime, time, timedelta

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from solidarite.accounts import throttle
from solidarite.accounts.models import User
from solidarite.contact import normalize_phone
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
        # The model field (contact.PhoneField) decides what a valid number is; this only gives the stored form,
        # so that retyping the same number differently is no change.
        return normalize_phone(self.cleaned_data["phone"])

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


class ApiTokenForm(forms.Form):
    """A new personal access token, on the profile page. The password is asked again: a token
    outlives the session, so a borrowed session must not be enough to make one."""

    MAX_YEARS = 5

    name = forms.CharField(
        label=_("Nom du jeton"),
        max_length=80,
        help_text=_("Pour vous y retrouver : l'outil ou le service qui l'utilisera."),
    )
    read_only = forms.BooleanField(
        label=_("Lecture seule"), required=False, help_text=_("Le jeton permet de consulter, pas de modifier.")
    )
    expires_on = forms.DateField(
        label=_("Valable jusqu'au (facultatif)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Laissez vide pour un jeton sans date de fin : vous pourrez le révoquer à tout moment."),
    )
    password = forms.CharField(
        label=_("Votre mot de passe, pour confirmer"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Donnez un nom au jeton."))
        return name

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        if day is None:
            return None
        today = timezone.localdate()
        if day <= today:
            raise forms.ValidationError(_("Choisissez une date à venir."))
        if day > today + timedelta(days=365 * self.MAX_YEARS):
            raise forms.ValidationError(
                _("Au plus dans %(years)s ans (sans date, le jeton vaut jusqu'à sa révocation)."),
                params={"years": self.MAX_YEARS},
            )
        return day

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Mot de passe incorrect."))
        return password

    @property
    def expires_at(self):
        """The last moment of the chosen day, in the town's time zone (None: no end)."""
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        return timezone.make_aware(datetime.combine(day, time.max))
