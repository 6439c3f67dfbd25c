"""A saved estimate: only when the person asks for it, theirs alone, deleted when they say so, with their
account, or after ESTIMATE_RETENTION_DAYS (purge_saved_estimates)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarite.workflow import TransitionLog


class SavedEstimate(models.Model):
    # The person's own; or, made by a mediator for a resident without an account, kept on the mandate
    # (``user`` empty) and deleted when the mandate ends (``mandate_estimates.end_hook``).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_estimates",
        verbose_name=_("personne"),
        null=True,
        blank=True,
    )
    mandate = models.ForeignKey(
        "rights.Mandate",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fait sous le mandat"),
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
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | models.Q(mandate__isnull=False),
                name="estimate_saved_has_an_owner",
            ),
        ]

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
        SavedEstimate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claims",
        verbose_name=_("estimation"),
    )
    aid_code = models.CharField(_("aide"), max_length=40)
    amount = models.DecimalField(_("montant estimé"), max_digits=9, decimal_places=2, default=0)
    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.TODO)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # « Un rappel si rien ne bouge » (reminders.py): the delay the person chose for this step (empty: the
    # default, 0: never), when the step last moved, and when the last reminder went.
    remind_after_days = models.PositiveSmallIntegerField(_("me le rappeler après (jours)"), null=True, blank=True)
    moved_at = models.DateTimeField(_("dernière étape le"), default=timezone.now)
    reminded_at = models.DateTimeField(_("dernier rappel le"), null=True, blank=True)

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


class EstimateShare(models.Model):
    """A saved estimate shown to the agents of one booked appointment, because its person (or their
    mediator under a mandate) chose so. Revoked by deleting the row; gone with the estimate (and so with
    the account), and ``SHARE_RETENTION`` after the appointment (``purge_saved_estimates``)."""

    estimate = models.ForeignKey(SavedEstimate, on_delete=models.CASCADE, related_name="shares")
    appointment = models.OneToOneField(
        "rights.Appointment", on_delete=models.CASCADE, related_name="+", verbose_name=_("rendez-vous")
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("partagée le"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("estimation partagée")
        verbose_name_plural = _("estimations partagées")

    def __str__(self):
        return f"{self.estimate_id} → {self.appointment_id}"


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
