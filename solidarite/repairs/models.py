"""Repair cafés: sessions are directory actions; each object brought in is an ORDS repair record.

An action becomes a repair café (each of its occurrences a session) when its association marks it
(``RepairCafe``): no second event model, the agenda, the iCal feeds and the action page stay the
directory's. A record belongs to one occurrence (``action`` + ``event_date``). Its weight is what
the « kg repaired » figures add up: recorded by a volunteer when the object is brought in.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from solidarite.calendars.models import new_feed_token  # noqa: F401 (old migrations name it here)
from solidarite.repairs import ords
from solidarite.workflow import TransitionLog


class RepairCafe(models.Model):
    """A directory action whose occurrences are repair café sessions."""

    action = models.OneToOneField(
        "directory.Action", verbose_name=_("action"), on_delete=models.CASCADE, related_name="repair_cafe"
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("repair café")
        verbose_name_plural = _("repair cafés")

    def __str__(self):
        return str(self.action)


class RecordQuerySet(models.QuerySet):
    def of_session(self, action, day):
        return self.filter(action=action, event_date=day)

    def counted(self):
        """Objects actually brought in (pre-registrations still waiting or withdrawn are not)."""
        return self.filter(status__in=[RepairRecord.Status.BROUGHT, RepairRecord.Status.DONE])

    def exportable(self):
        """What the ORDS file publishes: objects whose outcome is recorded."""
        return self.filter(status=RepairRecord.Status.DONE)


class RepairRecord(models.Model):
    """One object brought to a session, in the Open Repair Data Standard's fields."""

    class Status(models.TextChoices):
        PREREGISTERED = "preregistered", _("inscrit d'avance")
        BROUGHT = "brought", _("apporté")
        DONE = "done", _("issue notée")
        WITHDRAWN = "withdrawn", _("retiré")

    action = models.ForeignKey(
        "directory.Action", verbose_name=_("session"), on_delete=models.PROTECT, related_name="repair_records"
    )
    event_date = models.DateField(_("date de la session"))
    status = models.CharField(_("état"), max_length=15, choices=Status.choices, default=Status.BROUGHT)
    # Who brought it, only when they pre-registered it themselves (a resident's account); none otherwise.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("propriétaire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repair_objects",
    )
    product_category = models.PositiveSmallIntegerField(
        _("catégorie d'appareil"), choices=ords.choices(ords.PRODUCT_CATEGORIES)
    )
    brand = models.CharField(_("marque"), max_length=80, blank=True)
    product_age = models.DecimalField(
        _("âge (années)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("150"))],
    )
    problem = models.TextField(_("panne"), max_length=500)
    weight_kg = models.DecimalField(
        _("poids (kg)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("500"))],
    )
    repair_status = models.PositiveSmallIntegerField(
        _("issue"), choices=ords.choices(ords.REPAIR_STATUSES), default=ords.UNKNOWN
    )
    repair_barrier = models.PositiveSmallIntegerField(
        _("obstacle à la réparation"), choices=ords.choices(ords.REPAIR_BARRIERS), null=True, blank=True
    )
    quartier = models.ForeignKey(
        "places.Quartier", verbose_name=_("quartier"), null=True, blank=True, on_delete=models.SET_NULL
    )
    repairers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="RepairCredit", related_name="repairs_credited", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        ordering = ["event_date", "pk"]
        verbose_name = _("fiche de réparation")
        verbose_name_plural = _("fiches de réparation")
        indexes = [models.Index(fields=["action", "event_date"]), models.Index(fields=["status", "event_date"])]
        constraints = [
            # The kg figures add up weights: an object counted as brought always has one.
            models.CheckConstraint(
                condition=Q(status__in=["preregistered", "withdrawn"]) | Q(weight_kg__isnull=False),
                name="repairs_record_weight_when_brought",
            ),
            models.CheckConstraint(
                condition=Q(repair_barrier__isnull=True) | Q(repair_status=ords.END_OF_LIFE),
                name="repairs_record_barrier_only_end_of_life",
            ),
        ]

    def __str__(self):
        return f"{self.get_product_category_display()} — {self.event_date}"

    @property
    def ords_id(self) -> str:
        return f"solidarite-{self.pk}"


class RecordLog(TransitionLog):
    record = models.ForeignKey(RepairRecord, on_delete=models.CASCADE, related_name="log")

    class Meta(TransitionLog.Meta):
        verbose_name = _("étape d'une fiche de réparation")
        verbose_name_plural = _("étapes des fiches de réparation")


class RepairCredit(models.Model):
    """A repairer credited for an object (shown on the session page and in their own export)."""

    record = models.ForeignKey(RepairRecord, on_delete=models.CASCADE, related_name="credits")
    repairer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="repair_credits")

    class Meta:
        verbose_name = _("réparateur·rice crédité·e")
        verbose_name_plural = _("réparateur·rices crédité·es")
        constraints = [models.UniqueConstraint(fields=["record", "repairer"], name="repairs_credit_unique")]

    def __str__(self):
        return f"{self.repairer} — {self.record}"


class Follow(models.Model):
    """A resident follows an association's repair café sessions (in their own calendar feed)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="repair_follows")
    association = models.ForeignKey("directory.Association", on_delete=models.CASCADE, related_name="repair_followers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("abonnement à un repair café")
        verbose_name_plural = _("abonnements aux repair cafés")
        constraints = [models.UniqueConstraint(fields=["user", "association"], name="repairs_follow_unique")]

    def __str__(self):
        return f"{self.user} — {self.association}"
