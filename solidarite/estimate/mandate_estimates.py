"""A mediator fills the estimate for a resident under a mandate (scope « estimate »).

The questionnaire is the same; the mediator's session holds the answers with the mandate's id, and every
page checks again that the mandate is still current and covers the estimate (``current``): a mandate
revoked or expired mid-way ends the questionnaire (403, the answers dropped). Each act is a
``MandateAct``: starting, the result computed, saving it. The result goes into the resident's own
saved estimates and « mes démarches » when they have an account, or is kept on the mandate otherwise
(``SavedEstimate.user`` empty), where the mandate's end deletes it (``end_hook``).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from solidarite.estimate import claims
from solidarite.estimate.models import SavedEstimate
from solidarite.estimate.questionnaire import FORMS
from solidarite.rights import mandates
from solidarite.rights.mandate_models import Mandate, MandateAct, Scope

SCOPE = Scope.ESTIMATE
ACT = MandateAct.Kind.ESTIMATE
MAX_KEPT = 20


def current(by, pk) -> Mandate:
    """The mandate ``by`` acts under for an estimate now, or 403 (unknown, ended, other structure, scope)."""
    if not (by.is_authenticated and by.is_active):
        raise PermissionDenied(_("Connectez-vous pour agir sous un mandat."))
    try:
        return mandates.chosen(pk, by, SCOPE)
    except ValidationError as error:
        raise PermissionDenied(
            _("Vous n'avez pas de mandat en cours pour estimer les droits de cette personne.")
        ) from error


def _act(mandate, by, summary: str, url: str = "") -> None:
    with transaction.atomic():
        locked = mandates.lock_for_act(mandate, by, SCOPE)
        mandates.record_act(locked, by=by, kind=ACT, summary=summary, url=url)


def start(*, by, pk) -> Mandate:
    mandate = current(by, pk)
    _act(mandate, by, _("questionnaire commencé"))
    return mandate


def computed(*, by, pk) -> None:
    _act(current(by, pk), by, _("estimation calculée"))


def save(*, by, pk, answers: dict) -> SavedEstimate:
    """Into the resident's account and « mes démarches », or kept on the mandate (no account)."""
    mandate = current(by, pk)
    found = answers.get("result")
    if not found:
        raise ValidationError(_("Il n'y a pas encore d'estimation à enregistrer."))
    kept = {step: answers[step] for step in FORMS if step in answers}
    with transaction.atomic():
        locked = mandates.lock_for_act(mandate, by, SCOPE)
        owner = locked.resident
        if owner is None and SavedEstimate.objects.filter(mandate=locked, user=None).count() >= MAX_KEPT:
            raise ValidationError(
                _("Ce mandat garde déjà %(n)s estimations : supprimez-en une d'abord.") % {"n": MAX_KEPT}
            )
        saved = SavedEstimate.objects.create(
            user=owner,
            mandate=locked,
            month=found["month"],
            legislation=found["version"],
            answers=kept,
            amounts=found["amounts"],
        )
        if owner is not None:
            made = claims.follow(user=owner, saved=saved)
            summary = _("estimation enregistrée dans les démarches de la personne (%(n)s aide(s))") % {"n": len(made)}
        else:
            summary = _("estimation gardée sur le mandat")
        mandates.record_act(locked, by=by, kind=ACT, summary=summary, url=reverse("estimate:mandate", args=[locked.pk]))
    return saved


def visible(by, mandate: Mandate):
    """The estimates made under this mandate (the resident's, or kept on it)."""
    return SavedEstimate.objects.filter(mandate=mandate)


def delete(*, by, pk, estimate_pk) -> None:
    mandate = current(by, pk)
    with transaction.atomic():
        locked = mandates.lock_for_act(mandate, by, SCOPE)
        deleted, _count = SavedEstimate.objects.filter(mandate=locked, user=None, pk=estimate_pk).delete()
        if not deleted:
            raise PermissionDenied(_("Cette estimation n'est pas gardée sur ce mandat."))
        mandates.record_act(locked, by=by, kind=ACT, summary=_("estimation gardée supprimée"))


def end_hook(mandate_ids: list[int]) -> None:
    """The mandate ended: what was kept on it for a resident without account goes with it."""
    SavedEstimate.objects.filter(mandate_id__in=mandate_ids, user=None).delete()
