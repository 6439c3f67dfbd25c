"""A saved estimate: only when the person asks for it, theirs alone, deleted when they say so, with their
account, or after ESTIMATE_RETENTION_DAYS (purge_saved_estimates)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
