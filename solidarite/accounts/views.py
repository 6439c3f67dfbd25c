import copy
import json

from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from solidarite.accounts import personal_data, services, throttle
from solidarite.accounts.forms import ApiTokenForm, DeleteAccountForm, ProfileForm, SignUpForm
from solidarite.accounts.models import ApiToken
from solidarite.accounts.roles import roles_of

User = get_user_model()


class InvalidFormIs400:
    """Django's auth views re-render an invalid form with 200; ours answer 400, like every form here."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class LoginView(InvalidFormIs400, auth_views.LoginView):
    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, "locked"):
            # Paused by the sign-in throttle: the page says how long; scripts read Retry-After.
            response.status_code = 429
            response["Retry-After"] = str(form.retry_after)
        return response


class PasswordChangeView(InvalidFormIs400, auth_views.PasswordChangeView):
    pass


class PasswordResetView(InvalidFormIs400, auth_views.PasswordResetView):
    pass


class PasswordResetConfirmView(InvalidFormIs400, auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        # The person proved they own the account: the sign-in pause of this address for it ends.
        throttle.forgive(self.request, self.user.email)
        return super().form_valid(form)


def _safe_next(request) -> str:
    """The ``next`` page asked for, if it is on this site (never an open redirect); else ""."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


@require_http_methods(["GET", "POST"])
def sign_up(request):
    next_url = _safe_next(request)
    if request.user.is_authenticated:
        return redirect(next_url or "home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.sign_up(**form.cleaned_data, next_url=next_url)
        return render(request, "accounts/sign_up_done.html", {"email": form.cleaned_data["email"], "resent": False})
    pending = getattr(form, "pending_account", None)
    if pending is not None and form.has_error("email", "unconfirmed"):
        # Signing up again with an address that was never confirmed: send the link again.
        services.resend_confirmation(user=pending, next_url=next_url)
        return render(request, "accounts/sign_up_done.html", {"email": pending.email, "resent": True})
    return render(
        request, "accounts/sign_up.html", {"form": form, "next": next_url}, status=400 if form.errors else 200
    )


@require_http_methods(["GET"])
def confirm_email(request, uidb64, token):
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or not services.confirm_email(user=user, token=token):
        return render(request, "accounts/confirm_email_invalid.html", status=400)
    login(request, user, backend="solidarite.accounts.backends.EmailBackend")
    messages.success(request, _("Votre adresse est confirmée. Bienvenue !"))
    # Where the person was going when they signed up (an invitation, say), else their profile.
    return redirect(_safe_next(request) or "accounts:profile")


def _profile_page(request, *, form=None, token_form=None, status=200):
    # A copy: validating the form writes into its instance, and the page still shows who is signed in.
    context = {
        "form": form or ProfileForm(instance=copy.copy(request.user)),
        "token_form": token_form or ApiTokenForm(request.user),
        "api_tokens": request.user.api_tokens.all(),
        "roles": roles_of(request.user),
    }
    return render(request, "accounts/profile.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=copy.copy(request.user))
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.update_profile(user=request.user, **changes)
        messages.success(request, _("Votre profil est enregistré."))
        return redirect("accounts:profile")
    return _profile_page(request, form=form, status=400 if form.errors else 200)


@login_required
@require_POST
def api_token_create(request):
    """Make a personal access token and show its secret, this once: the answer to the POST itself
    (no redirect: the secret would have to wait in the session, that is in the database)."""
    form = ApiTokenForm(request.user, request.POST)
    if form.is_valid():
        try:
            token, secret = services.create_api_token(
                user=request.user,
                name=form.cleaned_data["name"],
                read_only=form.cleaned_data["read_only"],
                expires_at=form.expires_at,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            response = render(request, "accounts/api_token_created.html", {"token": token, "secret": secret})
            response["Cache-Control"] = "no-store"
            return response
    return _profile_page(request, token_form=form, status=400)


@login_required
@require_POST
def api_token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)  # someone else's: 404
    services.revoke_api_token(token=token)
    messages.success(request, _("Le jeton « %(name)s » est révoqué : il ne permet plus rien.") % {"name": token.name})
    return redirect(reverse("accounts:profile") + "#jetons")


@login_required
@require_http_methods(["GET"])
def my_data(request):
    return render(request, "accounts/my_data.html", {"delete_form": DeleteAccountForm(request.user)})


@login_required
@require_http_methods(["GET"])
def export_data(request):
    data = {
        "exported_at": timezone.now(),
        "platform": "Solidarité",
        "data": personal_data.export_personal_data(request.user),
    }
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-solidarite.json"'
    return response


@login_required
@require_POST
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST)
    if not form.is_valid():
        return render(request, "accounts/my_data.html", {"delete_form": form}, status=400)
    user = request.user
    logout(request)
    services.erase_account(user=user)
    messages.success(request, _("Votre compte et vos données ont été supprimés."))
    return redirect("home")
