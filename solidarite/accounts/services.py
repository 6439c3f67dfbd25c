"""Use cases that write accounts. Views, the API and commands call these, nothing else."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from solidarite.accounts import personal_data, ratelimit
from solidarite.accounts.models import ApiToken, User
from solidarite.notifications.realtime import close_user_sockets
from solidarite.notifications.services import notify

logger = logging.getLogger(__name__)


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "solidarite.accounts.EmailConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        # Once confirmed, the link stops working.
        return f"{user.pk}{user.email}{user.email_confirmed_at}{timestamp}"


email_confirmation_token = EmailConfirmationTokenGenerator()


def _send(*, to: str, subject: str, template: str, context: dict) -> None:
    body = render_to_string(template, {"site_url": settings.SITE_URL, "town": settings.TOWN_NAME, **context})
    send_mail(subject, body, None, [to])


def sign_up(*, email: str, password: str, display_name: str, quartier=None, next_url: str = "") -> User:
    """A new neighbour: the account stays inactive until the e-mail address is confirmed.

    ``next_url`` (a local path, checked by the view) is where the confirmation link leads once the
    account is active, e.g. back to the invitation that made the person sign up."""
    user = User.objects.create_user(email, password, display_name=display_name, quartier=quartier, is_active=False)
    _send_confirmation(user, next_url)
    return user


RESEND_PAUSE_SECONDS = 15 * 60


def resend_confirmation(*, user: User, next_url: str = "") -> bool:
    """Send the confirmation link again to an account still waiting for it (lost or expired e-mail).

    At most one e-mail per address per quarter of an hour, so the form cannot be used to flood a
    mailbox. Nothing else changes: the password stays the one chosen at sign-up. Returns whether sent.
    """
    if user.email_confirmed_at is not None or user.is_active:
        return False
    sent, _seconds_left = ratelimit.hit(f"confirm-resend:{user.pk}", window_s=RESEND_PAUSE_SECONDS)
    if sent > 1:
        return False
    _send_confirmation(user, next_url)
    return True


def _send_confirmation(user: User, next_url: str = "") -> None:
    link = settings.SITE_URL + reverse(
        "accounts:confirm_email",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": email_confirmation_token.make_token(user),
        },
    )
    if next_url:
        link += "?" + urlencode({"next": next_url})
    transaction.on_commit(
        lambda: _send(
            to=user.email,
            subject=_("Confirmez votre adresse e-mail"),
            template="accounts/email/confirm_email.txt",
            context={"user": user, "link": link},
        )
    )


def confirm_email(*, user: User, token: str) -> bool:
    if not email_confirmation_token.check_token(user, token):
        return False
    user.is_active = True
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["is_active", "email_confirmed_at"])
    notify(
        user,
        "accounts.welcome",
        {
            "params": {},
            "url": reverse("home"),
        },
    )
    return True


PROFILE_FIELDS = ("display_name", "quartier", "phone", "share_email", "share_phone", "contact_note")


def update_profile(*, user: User, **changes) -> User:
    """Change what a person says about themselves; a change of contact details is notified,
    so that someone who took over the session cannot redirect contacts silently."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"not profile fields: {sorted(unknown)}")
    changed = [name for name, value in changes.items() if getattr(user, name) != value]
    if not changed:
        return user
    for name in changed:
        setattr(user, name, changes[name])
    user.full_clean(exclude=["password"])
    user.save(update_fields=changed)
    notify(
        user,
        "accounts.profile_updated",
        {
            "params": {},
            "url": reverse("accounts:profile"),
        },
    )
    return user


API_TOKENS_PER_PERSON = 20


def create_api_token(*, user: User, name: str, read_only: bool = False, expires_at=None) -> tuple[ApiToken, str]:
    """A personal access token for an integration; returns it with its secret, which is stored
    nowhere (only its digest) and cannot be shown again. The person is notified, so that someone
    who took over the session cannot keep a way in silently."""
    if ApiToken.objects.filter(user=user).count() >= API_TOKENS_PER_PERSON:
        raise ValidationError(
            _("Vous avez déjà %(count)s jetons : révoquez-en un avant d'en créer un autre."),
            params={"count": API_TOKENS_PER_PERSON},
        )
    token, secret = ApiToken.objects.issue(user=user, name=name.strip(), read_only=read_only, expires_at=expires_at)
    notify(
        user,
        "accounts.api_token_created",
        {
            "params": {},
            "url": reverse("accounts:profile") + "#jetons",
        },
    )
    return token, secret


def revoke_api_token(*, token: ApiToken) -> None:
    """The token stops working at once (its next request gets a 401)."""
    token.delete()


def suspend(*, user: User, by: User, reason: str) -> None:
    User.objects.filter(pk=user.pk).update(suspended_at=timezone.now(), suspension_reason=reason)
    user.refresh_from_db(fields=["suspended_at", "suspension_reason"])
    notify(
        user,
        "accounts.suspended",
        {"params": {}, "body": reason},
    )
    logger.info("user %s suspended by %s", user.pk, by.pk)
    transaction.on_commit(lambda: close_user_sockets(user.pk))


def lift_suspension(*, user: User, by: User) -> None:
    User.objects.filter(pk=user.pk).update(suspended_at=None, suspension_reason="")
    user.refresh_from_db(fields=["suspended_at", "suspension_reason"])
    notify(user, "accounts.unsuspended", {"params": {}})
    logger.info("user %s unsuspended by %s", user.pk, by.pk)


@transaction.atomic
def erase_account(*, user: User) -> None:
    """Right to erasure: every app erases what it holds, then the person goes."""
    user_id = user.pk
    for handler in personal_data.handlers():
        handler.erase(user)
    User.objects.filter(pk=user_id).delete()
    transaction.on_commit(lambda: close_user_sockets(user_id))
    logger.info("account %s erased", user_id)


def warn_and_purge_inactive(*, now=None) -> tuple[int, int]:
    """CNIL practice: warn accounts unused for two years, erase them a month after the warning.

    Returns (warned, erased). Staff and superusers are never purged automatically.
    """
    now = now or timezone.now()
    cutoff = (now - timedelta(days=settings.INACTIVE_ACCOUNT_WARN_DAYS)).date()
    grace = now - timedelta(days=settings.INACTIVE_ACCOUNT_GRACE_DAYS)
    stale = (
        User.objects.filter(is_staff=False, is_superuser=False)
        .exclude(last_seen_on__gte=cutoff)
        .filter(date_joined__date__lt=cutoff)
    )
    warned = 0
    for user in stale.filter(inactivity_warned_at__isnull=True).iterator():
        _send(
            to=user.email,
            subject=_("Votre compte Solidarité va être supprimé"),
            template="accounts/email/inactive_warning.txt",
            context={"user": user, "days": settings.INACTIVE_ACCOUNT_GRACE_DAYS},
        )
        User.objects.filter(pk=user.pk).update(inactivity_warned_at=now)
        warned += 1
    erased = 0
    for user in stale.filter(inactivity_warned_at__lte=grace).iterator():
        erase_account(user=user)
        erased += 1
    return warned, erased
