import hashlib
import secrets

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarite.contact import PhoneField


class UserQuerySet(models.QuerySet):
    def city_staff_to_notify(self):
        """City staff in activity: who is told of, and may be handed, the city's work. A suspended
        agent is left out (their account is under moderation), as is a deactivated one."""
        return self.filter(is_staff=True, is_active=True, suspended_at__isnull=True)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("an e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, is_active=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Roles beyond staff come from other objects (see ``roles``)."""

    email = models.EmailField(_("adresse e-mail"), max_length=254, unique=True)
    display_name = models.CharField(
        _("nom affiché"),
        max_length=60,
        help_text=_("Votre prénom ou un pseudonyme : c'est ce que les autres voient."),
    )
    quartier = models.ForeignKey(
        "places.Quartier", verbose_name=_("quartier"), null=True, blank=True, on_delete=models.SET_NULL
    )
    # How the other side of an accepted match may reach me; never shown before that.
    phone = PhoneField(_("téléphone"), blank=True)
    share_email = models.BooleanField(_("partager mon e-mail une fois la mise en relation acceptée"), default=True)
    share_phone = models.BooleanField(_("partager mon téléphone une fois la mise en relation acceptée"), default=False)
    contact_note = models.CharField(
        _("comment me joindre"), max_length=200, blank=True, help_text=_("Par exemple : plutôt le soir.")
    )

    is_active = models.BooleanField(
        _("actif"), default=True, help_text=_("Un compte inactif ne peut pas se connecter (e-mail non confirmé).")
    )
    is_staff = models.BooleanField(_("agent·e de la ville"), default=False)
    suspended_at = models.DateTimeField(_("suspendu le"), null=True, blank=True)
    suspension_reason = models.TextField(_("motif de suspension"), blank=True)

    date_joined = models.DateTimeField(_("inscrit·e le"), default=timezone.now)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmé le"), null=True, blank=True)
    last_seen_on = models.DateField(_("dernière visite"), null=True, blank=True)
    inactivity_warned_at = models.DateTimeField(_("prévenu·e de l'inactivité le"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        indexes = [models.Index(fields=["last_seen_on"])]

    def __str__(self):
        return self.display_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def save(self, *args, **kwargs):
        # Stored lower-case, so the unique index is case-insensitive in effect.
        # AbstractBaseUser keeps the raw password in _password until saved: that is the one
        # reliable sign that the password changed, whichever view or command changed it.
        password_changed = self._password is not None and self.pk is not None
        self.email = self.email.lower()
        super().save(*args, **kwargs)
        if password_changed:
            from solidarite.notifications.realtime import close_user_sockets

            user_id = self.pk
            transaction.on_commit(lambda: close_user_sockets(user_id))

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    @property
    def public_name(self) -> str:
        return self.display_name or _("Voisin·e")

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name


class RateCounter(models.Model):
    """How many times one rate-limited action (``bucket``) happened in one time window; written by
    ``solidarite.accounts.ratelimit`` in a single statement."""

    bucket = models.CharField(max_length=200)
    window_start = models.BigIntegerField()  # Unix seconds
    expires_at = models.BigIntegerField(db_index=True)  # Unix seconds: the window's end
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bucket", "window_start"], name="ratecounter_one_per_window")]

    def __str__(self):
        return f"{self.bucket} @ {self.window_start}: {self.hits}"


class ApiTokenQuerySet(models.QuerySet):
    def valid(self, now=None):
        now = now or timezone.now()
        return self.filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))

    def issue(self, *, user, name: str, read_only: bool = False, expires_at=None):
        """A new token and its secret, which is stored nowhere (only its digest). The use case,
        with its cap and its notice to the person, is ``services.create_api_token``."""
        secret = ApiToken.PREFIX + secrets.token_urlsafe(32)  # 256 random bits
        token = self.create(
            user=user,
            name=name,
            read_only=read_only,
            expires_at=expires_at,
            prefix=secret[: ApiToken.SHOWN_CHARACTERS],
            digest=ApiToken.digest_of(secret),
        )
        return token, secret


class ApiToken(models.Model):
    """A personal access token, for an integration to use the API as its person
    (``accounts.authentication``). The secret is shown once, at creation; only its SHA-256 digest
    is kept, with its first characters so that the person can tell their tokens apart."""

    PREFIX = "sol_"
    SHOWN_CHARACTERS = 12  # "sol_" and 8 random characters: enough to tell one's tokens apart

    user = models.ForeignKey(User, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(
        _("nom"), max_length=80, help_text=_("Pour vous y retrouver : l'outil ou le service qui l'utilise.")
    )
    prefix = models.CharField(_("début du jeton"), max_length=16)
    digest = models.CharField(max_length=64, unique=True, editable=False)  # sha256 hex of the secret
    read_only = models.BooleanField(
        _("lecture seule"), default=False, help_text=_("Le jeton permet de consulter, pas de modifier.")
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    expires_at = models.DateTimeField(_("expire le"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("jeton d'API")
        verbose_name_plural = _("jetons d'API")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest_of(secret: str) -> str:
        """What is stored of a secret. A plain SHA-256 is enough: the secret is 256 random bits,
        not a password, so there is no dictionary to slow down (GitHub and knox do the same)."""
        return hashlib.sha256(secret.encode()).hexdigest()

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()
