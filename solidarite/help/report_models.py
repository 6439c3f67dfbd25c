"""Reports of neighbours' posts and the vocabulary of their moderation, shared with the giveaways.
Apart from ``models`` (which re-exports them) to keep each module readable."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportBase(models.Model):
    """A neighbour's report on a post and city staff's one decision on it (``workflow.REPORT``), with one
    vocabulary of reasons and outcomes for every kind of post (help's, the giveaways'). Each concrete
    report adds its reporter and a foreign key per kind of post it may target (exactly one set)."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("publicité ou spam")
        ABUSE = "abuse", _("propos blessants ou injurieux")
        DANGER = "danger", _("comportement inquiétant")
        PERSONAL = "personal", _("données personnelles exposées")
        OTHER = "other", _("autre raison")

    class Status(models.TextChoices):
        OPEN = "open", _("à examiner")
        HIDDEN = "hidden", _("contenu masqué")
        WARNED = "warned", _("auteur·rice averti·e")
        SUSPENDED = "suspended", _("compte suspendu")
        DISMISSED = "dismissed", _("sans suite")

    reason = models.CharField(_("motif"), max_length=10, choices=Reason.choices)
    details = models.TextField(_("précisions"), blank=True)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("signalé le"), default=timezone.now)
    resolved_at = models.DateTimeField(_("traité le"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution_note = models.TextField(_("message à l'auteur·rice"), blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.get_reason_display()} ({self.get_status_display()})"

    @property
    def target_author(self):
        return self.target.author


class Report(ReportBase):
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="help_reports"
    )
    request = models.ForeignKey(
        "help.HelpRequest", null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    offer = models.ForeignKey("help.HelpOffer", null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    message = models.ForeignKey("help.Message", null=True, blank=True, on_delete=models.CASCADE, related_name="reports")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(request__isnull=False, offer__isnull=True, message__isnull=True)
                    | Q(request__isnull=True, offer__isnull=False, message__isnull=True)
                    | Q(request__isnull=True, offer__isnull=True, message__isnull=False)
                ),
                name="help_report_one_target",
            )
        ]

    @property
    def target(self):
        return self.request or self.offer or self.message
