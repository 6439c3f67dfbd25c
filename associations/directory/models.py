from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager


class AssociationQuerySet(models.QuerySet):
    def listed(self):
        """What visitors see: not hidden, not refused, not merged into another page."""
        return self.filter(hidden=False, merged_into__isnull=True).exclude(status=Association.Status.REFUSED)

    def managed_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user, memberships__role=Membership.Role.MANAGER)


class Association(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("en attente de vérification")
        VERIFIED = "verified", _("vérifiée")
        REFUSED = "refused", _("refusée")

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    rna = models.CharField(_("numéro RNA"), max_length=10, blank=True, help_text=_("W suivi de 9 chiffres."))
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    purpose = models.TextField(_("objet"))
    tags = TaggableManager(_("thèmes"), blank=True)
    email = models.EmailField(_("e-mail de contact"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    website = models.URLField(_("site web"), blank=True)
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=5, blank=True)
    city = models.CharField(_("commune"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    quartier = models.ForeignKey(
        "places.Quartier", verbose_name=_("quartier"), null=True, blank=True, on_delete=models.SET_NULL
    )
    opening_hours = models.CharField(
        _("horaires d'accueil"), max_length=255, blank=True, help_text=_("Syntaxe OpenStreetMap, ex. Mo-Fr 09:00-12:00")
    )
    membership_fee = models.CharField(_("cotisation"), max_length=120, blank=True)
    accessibility = models.TextField(_("accessibilité du lieu"), blank=True)
    accepts_volunteers = models.BooleanField(_("accepte des bénévoles"), default=False)
    is_social_action = models.BooleanField(
        _("association d'action sociale"),
        default=False,
        help_text=_("Ses responsables peuvent recevoir le rôle de médiateur·rice."),
    )
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

    objects = AssociationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        indexes = [models.Index(fields=["status", "hidden"]), models.Index(fields=["rna"])]

    def __str__(self):
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED

    def is_manager(self, user) -> bool:
        return bool(user.is_authenticated and self.memberships.filter(user=user, role=Membership.Role.MANAGER).exists())


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
