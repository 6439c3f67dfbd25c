import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from associations.directory.listing import ListingQuerySet
from associations.directory.text import normalize
from associations.directory.validators import validate_opening_hours, validate_rna, validate_siret
from solidarite.contact import (
    PhoneField,
    check_in_town_department,
    validate_email_address,
    validate_postal_code,
    validate_web_address,
)


class AssociationQuerySet(ListingQuerySet):
    def listed(self):
        """What visitors see: not hidden, not refused, not merged into another page."""
        return self.filter(hidden=False, merged_into__isnull=True).exclude(status=Association.Status.REFUSED)

    def managed_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user, memberships__role=Membership.Role.MANAGER)

    def visible_to(self, user):
        """Listed pages, plus hidden/refused ones to their managers and to staff (never merged ones)."""
        if user.is_authenticated and user.is_staff:
            return self.filter(merged_into__isnull=True)
        listed = self.listed()
        if not user.is_authenticated:
            return listed
        return self.filter(merged_into__isnull=True).filter(
            models.Q(pk__in=listed.values("pk")) | models.Q(pk__in=self.managed_by(user).values("pk"))
        )

    def accepting_volunteers(self):
        return self.filter(accepts_volunteers=True)


class Association(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("en attente de vérification")
        VERIFIED = "verified", _("vérifiée")
        REFUSED = "refused", _("refusée")

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    rna = models.CharField(
        _("numéro RNA"), max_length=10, blank=True, help_text=_("W suivi de 9 chiffres."), validators=[validate_rna]
    )
    siret = models.CharField(_("SIRET"), max_length=14, blank=True, validators=[validate_siret])
    purpose = models.TextField(_("objet"))
    tags = TaggableManager(_("thèmes"), blank=True)
    email = models.EmailField(_("e-mail de contact"), blank=True, validators=[validate_email_address])
    phone = PhoneField(_("téléphone"), blank=True)
    website = models.URLField(_("site web"), blank=True, validators=[validate_web_address])
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=5, blank=True, validators=[validate_postal_code])
    # Staff's word that this code, outside the town's département, is right (contact.check_in_town_department);
    # bound to the value: a manager who types another code is checked again. Nullable only so that SQLite adds
    # the column in place: a NOT NULL column makes Django rebuild the table, dropping the fragments triggers.
    postal_code_accepted = models.CharField(  # noqa: DJ001
        _("code postal hors département accepté par la ville"),
        max_length=5,
        blank=True,
        null=True,
        validators=[validate_postal_code],
    )
    city = models.CharField(_("commune"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    quartier = models.ForeignKey(
        "places.Quartier", verbose_name=_("quartier"), null=True, blank=True, on_delete=models.SET_NULL
    )
    opening_hours = models.CharField(
        _("horaires d'accueil"),
        max_length=255,
        blank=True,
        help_text=_("Syntaxe OpenStreetMap, ex. Mo-Fr 09:00-12:00"),
        validators=[validate_opening_hours],
    )
    membership_fee = models.CharField(_("cotisation"), max_length=120, blank=True)
    accessibility = models.TextField(_("accessibilité du lieu"), blank=True)
    accepts_volunteers = models.BooleanField(_("accepte des bénévoles"), default=False)
    is_social_action = models.BooleanField(
        _("association d'action sociale"),
        default=False,
        help_text=_("Ses responsables peuvent recevoir le rôle de médiateur·rice."),
    )
    # From the RNA import (nullable: SQLite then adds the columns without rebuilding the table).
    founded_on = models.DateField(_("créée le (RNA)"), null=True, blank=True)
    dissolved_on = models.DateField(
        _("dissoute le (RNA)"),
        null=True,
        blank=True,
        help_text=_("Sans date de dissolution au RNA : la date de la fiche qui la déclare dissoute."),
    )
    rna_updated_at = models.DateTimeField(_("fiche RNA mise à jour le"), null=True, blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.PENDING)
    hidden = models.BooleanField(_("masquée"), default=False)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("fusionnée dans"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    verified_at = models.DateTimeField(_("vérifiée le"), null=True, blank=True)
    # Name, purpose, city and tags, lower-case and without accents (see text.normalize).
    search_text = models.TextField(editable=False, default="")

    objects = AssociationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        indexes = [models.Index(fields=["status", "hidden"]), models.Index(fields=["rna"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.set_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:detail", kwargs={"slug": self.slug})

    def clean(self):
        check_in_town_department(self.postal_code, accepted=self.postal_code_accepted)

    def set_search_text(self, tag_names=None) -> None:
        """Fields first, tags after a newline: a plain ``save()`` refreshes the fields and keeps the tags part
        (no extra query), services pass ``tag_names`` after changing tags."""
        if tag_names is None:
            tags_part = self.search_text.split("\n", 1)[1] if "\n" in self.search_text else ""
        else:
            tags_part = normalize(" ".join(tag_names))
        self.search_text = normalize(" ".join([self.name, self.purpose, self.city])) + "\n" + tags_part

    @property
    def point(self):
        from solidarite.places.geo import Point

        if self.latitude is None or self.longitude is None:
            return None
        return Point(self.latitude, self.longitude)

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED

    @property
    def is_refused(self) -> bool:
        return self.status == self.Status.REFUSED

    @property
    def is_listed(self) -> bool:
        """The row-level twin of ``AssociationQuerySet.listed``: whether visitors can open the page."""
        return not self.hidden and self.merged_into_id is None and self.status != self.Status.REFUSED

    def is_manager(self, user) -> bool:
        return bool(user.is_authenticated and self.memberships.filter(user=user, role=Membership.Role.MANAGER).exists())

    def managers_to_notify(self):
        """The managers told of what happens to the association: active accounts (a suspended one
        still hears about its association; a deactivated one does not)."""
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(
            memberships__association=self, memberships__role=Membership.Role.MANAGER, is_active=True
        )


class Membership(models.Model):
    class Role(models.TextChoices):
        MANAGER = "manager", _("responsable")
        MEMBER = "member", _("adhérent·e")

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("adhésion")
        verbose_name_plural = _("adhésions")
        constraints = [models.UniqueConstraint(fields=["association", "user"], name="directory_membership_unique")]

    def __str__(self):
        return f"{self.user} — {self.association} ({self.get_role_display()})"


class AssociationEvent(models.Model):
    """Transition log of a page: who verified, refused, hid, merged it, when and why."""

    class Kind(models.TextChoices):
        REQUESTED = "requested", _("demande de création")
        VERIFIED = "verified", _("vérifiée")
        REFUSED = "refused", _("refusée")
        HIDDEN = "hidden", _("masquée")
        SHOWN = "shown", _("de nouveau visible")
        MERGED = "merged", _("fusionnée")
        MANAGER_ADDED = "manager_added", _("responsable ajouté·e")
        MANAGER_LEFT = "manager_left", _("responsable parti·e")
        IMPORTED = "imported", _("importée du RNA")
        DISSOLVED = "dissolved", _("dissoute selon le RNA")
        POSTAL_CODE_ACCEPTED = "postal_code", _("code postal hors département accepté")
        TO_CHECK = "to_check", _("coordonnées à corriger")

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("événement"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("historique d'une association")
        verbose_name_plural = _("historiques des associations")

    def __str__(self):
        return f"{self.association} — {self.get_kind_display()}"


class ManagerInvitationQuerySet(models.QuerySet):
    def open(self):
        """Neither accepted, declined nor revoked (possibly expired): re-inviting refreshes such a row."""
        return self.filter(accepted_at__isnull=True, declined_at__isnull=True, revoked_at__isnull=True)

    def pending(self, now=None):
        """Open and not expired: the invitations that can still be accepted."""
        return self.open().filter(expires_at__gt=now or timezone.now())

    def addressed_to(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(email=user.email.lower())


class ManagerInvitation(models.Model):
    """A manager (or staff) asks someone, by e-mail, to become a manager; that person accepts or declines.

    The link sent by e-mail carries a random token; only its SHA-256 is stored, so reading the database
    gives no usable link. Accepting also needs the signed-in account's (confirmed) e-mail to match.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("en attente")
        EXPIRED = "expired", _("expirée")
        ACCEPTED = "accepted", _("acceptée")
        DECLINED = "declined", _("refusée")
        REVOKED = "revoked", _("annulée")

    association = models.ForeignKey(
        Association, verbose_name=_("association"), on_delete=models.CASCADE, related_name="manager_invitations"
    )
    # Lower-case, like account e-mails: matching is case-insensitive.
    email = models.EmailField(_("adresse e-mail invitée"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invitée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    sent_at = models.DateTimeField(_("envoyée le"), default=timezone.now)
    expires_at = models.DateTimeField(_("expire le"))
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    declined_at = models.DateTimeField(_("refusée le"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("annulée le"), null=True, blank=True)

    objects = ManagerInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("invitation de responsable")
        verbose_name_plural = _("invitations de responsables")
        constraints = [
            # One open invitation per address and association: inviting again refreshes it.
            models.UniqueConstraint(
                fields=["association", "email"],
                condition=models.Q(accepted_at__isnull=True, declined_at__isnull=True, revoked_at__isnull=True),
                name="directory_invitation_one_open",
            )
        ]
        indexes = [models.Index(fields=["email"]), models.Index(fields=["association", "sent_at"])]

    def __str__(self):
        return f"{self.email} — {self.association}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def state(self) -> str:
        if self.accepted_at:
            return self.State.ACCEPTED
        if self.declined_at:
            return self.State.DECLINED
        if self.revoked_at:
            return self.State.REVOKED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.PENDING

    def get_state_display(self) -> str:
        return self.State(self.state).label

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING

    def is_for(self, user) -> bool:
        """Whether ``user``'s account uses the invited address (account e-mails are confirmed at sign-up)."""
        return bool(user.is_authenticated and user.email.lower() == self.email)


from associations.directory.action_models import Action, ActionQuerySet, Participation, occurrence_starts  # noqa: E402,F401 (the app's models)
