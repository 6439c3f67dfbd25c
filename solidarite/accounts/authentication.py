"""API authentication by personal access token (see docs/decisions.md, "API tokens").

A client sends ``Authorization: Bearer sol_…`` (RFC 6750; ``Token sol_…``, the word of DRF and
knox, is accepted too). The secret's SHA-256 digest is looked up in one query; an unknown, revoked
or expired token is a 401. A read-only token is refused any unsafe method with a 403, here, before
any view runs, whatever the view's own permission classes. No CSRF check: a token in a header is
not sent by a browser on its own, unlike the session cookie, whose ``SessionAuthentication`` (next
in ``DEFAULT_AUTHENTICATION_CLASSES``) still enforces it.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS

from solidarite.accounts.models import ApiToken

KEYWORDS = (b"bearer", b"token")
# "Last used" is a date for the person, not a log: one write a minute at most per token.
LAST_USED_PRECISION = timedelta(minutes=1)


def find(secret: str) -> ApiToken | None:
    """The valid (not revoked, not expired) token of this secret, with its person."""
    return ApiToken.objects.valid().select_related("user").filter(digest=ApiToken.digest_of(secret)).first()


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None  # another scheme, or none: the session's turn
        try:
            if len(parts) != 2:
                raise UnicodeError
            secret = parts[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(
                _("En-tête Authorization mal formé : écrivez « Bearer » suivi du jeton.")
            ) from None
        token = find(secret)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Jeton d'API non valide, révoqué ou expiré."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Ce compte n'est pas actif."))
        if token.read_only and request.method not in SAFE_METHODS:
            raise exceptions.PermissionDenied(
                _("Ce jeton est en lecture seule : il permet de consulter, pas de modifier.")
            )
        now = timezone.now()
        if token.last_used_at is None or token.last_used_at < now - LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        # Makes DRF answer 401 (not 403) to a request without credentials, and say what to send.
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The OpenAPI security scheme of ``ApiTokenAuthentication`` (drf-spectacular)."""

    target_class = "solidarite.accounts.authentication.ApiTokenAuthentication"
    name = "tokenAuth"  # the name the schema used for DRF's token before: clients keep it

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "Jeton d'accès personnel, créé sur la page « Mon profil » et montré une seule fois : "
                "`Authorization: Bearer sol_…`. Un jeton en lecture seule ne permet que GET, HEAD et "
                "OPTIONS (403 sinon) ; un jeton révoqué ou expiré reçoit 401."
            ),
        }
