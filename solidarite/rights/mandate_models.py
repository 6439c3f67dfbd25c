"""Mediators and their mandates (the Aidants Connect model).

A **mediator** is a member of a social-action structure (``Association.is_social_action``) to whom
city staff granted the capability (``MediatorGrant``). The grant counts only while the person is still
a member and the structure still a social-action one: the promise of ``is_social_action`` is enforced
by the query (``MediatorGrant.objects.effective()``), not by a flag someone may forget to clear.

A **mandate** is given by a resident to a structure (any of its mediators acts under it): a scope (help
requests, appointments, estimate of rights), an end date at most 12 months on, how consent was given
(phone, desk, written) and which mediator recorded it. The resident has an account, or has none and is
then only a name and a phone; those two are purged when the mandate ends (revoked, or expired by
``purge_mandates``). Every act done under a mandate is a ``MandateAct`` (what, when, by whom), printable
for the resident; its text names no one but the mediator, so it stays after the purge.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from solidarite.contact import PhoneField
from solidarite.workflow import TransitionLog

# A mandate lasts at most this long (Aidants Connect: 12 months); the service refuses more.
MAX_MONTHS = 12


class MediatorGrantQuerySet(models.QuerySet):
    def effective(self):
        """Grants that count: a social-action structure the person is still a member of, an active account."""
        from associations.directory.models import Membership

        member = Membership.objects.filter(user=OuterRef("user"), association=OuterRef("association"))
        return self.filter(Exists(member), association__is_social_action=True, user__is_active=True)


class MediatorGrant(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("médiateur·rice"),
        on_delete=models.CASCADE,
        related_name="mediator_grants",
    )
    association = models.ForeignKey(
        "directory.Association",
        verbose_name=_("structure"),
        on_delete=models.CASCADE,
        related_name="mediator_grants",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(_("accordé le"), auto_now_add=True)

    objects = MediatorGrantQuerySet.as_manager()

    class Meta:
        ordering = ["association__name", "pk"]
        verbose_name = _("rôle de médiateur·rice")
        verbose_name_plural = _("rôles de médiateur·rice")
        constraints = [models.UniqueConstraint(fields=["user", "association"], name="rights_mediator_grant_unique")]

    def __str__(self):
        return f"{self.user} — {self.association}"


class Scope(models.TextChoices):
    HELP_REQUESTS = "help_requests", _("publier des demandes d'aide")
    APPOINTMENTS = "appointments", _("prendre, déplacer et annuler des rendez-vous")
    ESTIMATE = "estimate", _("faire une estimation de ses droits")


class ConsentMethod(models.TextChoices):
    PHONE = "phone", _("par téléphone")
    DESK = "desk", _("en personne, à l'accueil")
    WRITTEN = "written", _("par écrit (formulaire signé)")
    # Only the data migration from the old free consent writes it: how was never recorded.
    LEGACY = "legacy", _("recueilli avant les mandats (sans précision)")


class MandateQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Mandate.Status.ACTIVE)

    def of_mediator(self, user):
        """The mandates of the structures where ``user`` is an effective mediator."""
        structures = MediatorGrant.objects.effective().filter(user=user).values("association")
        return self.filter(structure__in=structures)

    def visible_to(self, user):
        """Staff see every mandate; a mediator those of their structures; a resident their own."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.is_staff:
            return self.all()
        structures = MediatorGrant.objects.effective().filter(user=user).values("association")
        return self.filter(Q(structure__in=structures) | Q(resident=user))

    def with_scope(self, scope: str):
        return self.filter(**{f"scope_{scope}": True})


class Mandate(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("en cours")
        REVOKED = "revoked", _("révoqué")
        EXPIRED = "expired", _("arrivé à échéance")

    structure = models.ForeignKey(
        "directory.Association", verbose_name=_("structure"), on_delete=models.PROTECT, related_name="mandates"
    )
    # A resident with an account; or none, and then a name and a phone (purged at the end).
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("habitant·e (compte)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rights_mandates",
    )
    resident_name = models.CharField(_("nom de l'habitant·e"), max_length=100, blank=True)
    resident_phone = PhoneField(_("téléphone de l'habitant·e"), blank=True)
    # The scope: one boolean each, so "the active mandates allowing appointments" is an indexed filter.
    scope_help_requests = models.BooleanField(Scope.HELP_REQUESTS.label, default=False)
    scope_appointments = models.BooleanField(Scope.APPOINTMENTS.label, default=False)
    scope_estimate = models.BooleanField(Scope.ESTIMATE.label, default=False)
    consent_method = models.CharField(_("consentement recueilli"), max_length=10, choices=ConsentMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recueilli par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_on = models.DateField(_("à partir du"))
    ends_on = models.DateField(_("jusqu'au (inclus)"))
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    ended_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    purged_at = models.DateTimeField(_("nom et téléphone effacés le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MandateQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("mandat")
        verbose_name_plural = _("mandats")
        indexes = [models.Index(fields=["status", "ends_on"]), models.Index(fields=["structure", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="rights_mandate_dates"),
            # Never both an account and a typed name: the account is the source of truth.
            models.CheckConstraint(
                condition=Q(resident__isnull=True) | Q(resident_name=""), name="rights_mandate_one_resident"
            ),
        ]

    def __str__(self):
        return _("Mandat n° %(pk)s — %(structure)s") % {"pk": self.pk, "structure": self.structure}

    def get_absolute_url(self):
        return reverse("rights:mandate", args=[self.pk])

    @property
    def scopes(self) -> list[str]:
        return [scope for scope in Scope.values if getattr(self, f"scope_{scope}")]

    def scope_labels(self) -> list[str]:
        return [str(Scope(scope).label) for scope in self.scopes]

    def allows(self, scope: str) -> bool:
        return scope in self.scopes

    @property
    def resident_label(self) -> str:
        """Who the mandate is for, as the mediator's pages name them (empty once purged)."""
        if self.resident_id:
            return self.resident.display_name
        return self.resident_name

    @property
    def has_account(self) -> bool:
        return self.resident_id is not None

    def is_current(self, today: dt.date) -> bool:
        return self.status == self.Status.ACTIVE and self.starts_on <= today <= self.ends_on


class MandateLog(TransitionLog):
    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="log")

    class Meta(TransitionLog.Meta):
        verbose_name = _("étape d'un mandat")
        verbose_name_plural = _("étapes des mandats")

    @property
    def step_label(self) -> str:
        labels = {"create": _("enregistré"), "revoke": _("révoqué"), "expire": _("arrivé à échéance")}
        return str(labels.get(self.name, self.name))


class MandateAct(models.Model):
    """One thing done under a mandate. ``summary`` names no resident (it outlives the purge)."""

    class Kind(models.TextChoices):
        HELP_REQUEST = "help_request", _("demande d'aide publiée")
        APPOINTMENT_BOOKED = "appointment_booked", _("rendez-vous pris")
        APPOINTMENT_MOVED = "appointment_moved", _("rendez-vous déplacé")
        APPOINTMENT_CANCELLED = "appointment_cancelled", _("rendez-vous annulé")
        ESTIMATE = "estimate", _("estimation des droits")

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="acts")
    kind = models.CharField(_("acte"), max_length=30, choices=Kind.choices)
    summary = models.CharField(_("détail"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("le"))
    # Where the thing done lives (an appointment's or a request's page), for the people who may see it.
    url = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("acte sous mandat")
        verbose_name_plural = _("actes sous mandat")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.at:%d/%m/%Y}"
