"""Saving an estimate: one function per use case, for the pages (and later the API)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.estimate.models import SavedEstimate
from solidarite.estimate.questionnaire import FORMS

MAX_SAVED = 20


def save(*, user, answers: dict) -> SavedEstimate:
    """Save the session's answers and their result, because the person asked to."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Connectez-vous pour enregistrer une estimation."))
    found = answers.get("result")
    if not found:
        raise ValidationError(_("Il n'y a pas encore d'estimation à enregistrer."))
    if SavedEstimate.objects.filter(user=user).count() >= MAX_SAVED:
        raise ValidationError(
            _("Vous avez déjà %(n)s estimations enregistrées : supprimez-en une d'abord.") % {"n": MAX_SAVED}
        )
    kept = {step: answers[step] for step in FORMS if step in answers}
    return SavedEstimate.objects.create(
        user=user, month=found["month"], legislation=found["version"], answers=kept, amounts=found["amounts"]
    )


def delete(*, user, pk: int) -> None:
    deleted, _count = SavedEstimate.objects.filter(user=user, pk=pk).delete()
    if not deleted:
        raise PermissionDenied(_("Cette estimation n'existe pas ou n'est pas la vôtre."))


def purge(now=None) -> int:
    """Saved estimates older than ESTIMATE_RETENTION_DAYS are deleted (daily)."""
    limit = (now or timezone.now()) - dt.timedelta(days=settings.ESTIMATE_RETENTION_DAYS)
    deleted, _count = SavedEstimate.objects.filter(created_at__lt=limit).delete()
    return deleted
