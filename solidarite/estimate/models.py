"""A saved estimate: only when the person asks for it, theirs alone, deleted when they say so, with their
account, or after ESTIMATE_RETENTION_DAYS (purge_saved_estimates)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from solidarite.workflow import TransitionLog


class SavedEstimate(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_estimates", verbose_name=_("personne")
    )
    created_at = models.DateTimeField(_("enregistrée le"), auto_now_add=True)
    month = models.CharField(_("mois estimé"), max_length=7)
    legislation = models.CharField(_("version d'OpenFisca-France"), max_length=20)
    # The answers (to come back and change them) and the amounts by aid code (engine.AIDS).
    answers = models.JSONField(_("réponses"))
    amounts = models.JSONField(_("montants estimés"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("estimation enregistrée")
        verbose_name_plural = _("estimations enregistrées")

    def __str__(self):
        return f"{self.month} ({self.pk})"


class Claim(models.Model):
    """One aid of a saved estimate followed in « mes démarches »: à faire → demande faite → ouvert / refusé."""

    class Status(models.TextChoices):
        TODO = "a_faire", _("à faire")
        APPLIED = "demandee", _("demande faite")
        OPENED = "ouverte", _("droit ouvert")
        REFUSED = "refusee", _("refusée")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="estimate_claims", verbose_name=_("personne")
    )
    estimate = models.ForeignKey(
        SavedEstimate, on_delete=models.SET_NULL, null=True, blank=True, related_name="claims",
        verbose_name=_("estimation"),
    )
    aid_code = models.CharField(_("aide"), max_length=40)
    amount = models.DecimalField(_("montant estimé"), max_digits=9, decimal_places=2, default=0)
    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.TODO)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["status", "created_at", "pk"]
        verbose_name = _("démarche")
        verbose_name_plural = _("démarches")
        constraints = [
            models.UniqueConstraint(fields=["user", "aid_code"], name="estimate_claim_one_per_aid"),
        ]

    def __str__(self):
        return f"{self.aid_code} ({self.status})"


class ClaimLog(TransitionLog):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="log")

    class Meta(TransitionLog.Meta):
        verbose_name = _("étape d'une démarche")


class EstimateTally(models.Model):
    """How many estimates were computed, and found each aid likely payable, in a month: the non-take-up
    figures of the dashboard (issue 16). An anonymous counter, not a record: no person, no session, no
    answer, no amount, nothing finer than the month — an unsaved estimate adds 1 here and leaves nothing else.
    Incremented in the database (``tally.count``), never read-modify-written."""

    month = models.DateField(_("mois"))  # always the 1st of the month
    aid_code = models.CharField(_("aide"), max_length=40)  # results.SHOWN codes[0], like Claim.aid_code
    estimates = models.PositiveIntegerField(_("estimations calculées"), default=0)
    found = models.PositiveIntegerField(_("aide probablement due"), default=0)

    class Meta:
        ordering = ["month", "aid_code"]
        verbose_name = _("compteur anonyme d'estimations")
        verbose_name_plural = _("compteurs anonymes d'estimations")
        constraints = [
            models.UniqueConstraint(fields=["month", "aid_code"], name="estimate_tally_one_per_month_aid"),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.aid_code}"
