"""The steps of a request (``workflow.SUPPORT``) and its assignment to a reviewer or a team.

Every step writes a ``Transition`` row. A refused step raises ``SupportError`` (a ValidationError
with a French message: 400) and changes nothing; the wrong person gets ``PermissionDenied`` (403)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.support.drafting import missing_for_submission
from associations.support.guards import require_staff
from associations.support.models import SupportRequest, Transition
from associations.support.notices import announce, tell
from associations.support.workflow import (
    SIMPLE_STEPS,
    SUPPORT,
    SupportError,
)
from solidarite.accounts.roles import is_city_staff
from solidarite.workflow import Step

State = SupportRequest.State


def record(support_request, step: Step, by, reason: str, now) -> Transition:
    if step.name in ("submit", "resubmit"):
        support_request.waiting_since = now
        support_request.stale_alerted_at = None
        if step.name == "submit":
            support_request.submitted_at = now
    elif step.name == "start_review":
        # The city acted: the staleness clock restarts for its decision.
        support_request.waiting_since = now
        support_request.stale_alerted_at = None
        if support_request.reviewer_id is None:
            support_request.reviewer = by
    elif step.target not in SupportRequest.WAITING_FOR_CITY:
        support_request.waiting_since = None
    return SUPPORT.move(
        support_request,
        step.name,
        by=by,
        reason=reason,
        save_fields=["waiting_since", "stale_alerted_at", "submitted_at", "reviewer"],
        at=now,
    )


def transition(*, support_request, name: str, by, reason: str = "") -> SupportRequest:
    """Take the named step (see ``workflow.SUPPORT``). Wrong step or state: SupportError (400);
    wrong person: PermissionDenied (403)."""
    if name not in SIMPLE_STEPS:
        raise SupportError(_("Cette action n'existe pas."))
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = SupportRequest.objects.select_for_update().select_related("association").get(pk=support_request.pk)
        step = SUPPORT.check(locked, name, by)
        if step.reason_required and not reason:
            raise SupportError(_("Indiquez le motif : l'association le lira."))
        if step.name == "submit":
            missing = missing_for_submission(locked)
            if missing:
                raise SupportError(_("Avant de déposer, complétez : %(missing)s.") % {"missing": ", ".join(missing)})
        record(locked, step, by, reason, timezone.now())
        announce(locked, step, by, reason)
    return locked


def assign(*, support_request, by, reviewer=None, team=None) -> SupportRequest:
    """Entrust the request to a staff member, a review team, both, or nobody (both None).

    Logged as an "assign" step of the history; the new assignees are told (socket after commit, e-mail
    after commit). Choosing the same assignment again changes and tells nothing.
    """
    require_staff(by)
    if reviewer is not None and not is_city_staff(reviewer):
        raise SupportError(_("L'instruction ne peut être confiée qu'à un·e agent·e de la ville."))
    if team is not None and not team.active_members().exists():
        raise SupportError(
            _("L'équipe « %(team)s » n'a aucun·e agent·e en activité : complétez-la avant de lui confier une demande.")
            % {"team": team.name}
        )
    with transaction.atomic():
        locked = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
        if locked.state == State.DRAFT:
            raise SupportError(_("Cette demande n'est pas encore déposée."))
        if not SUPPORT.can(locked, "assign"):
            raise SupportError(_("Cette demande est déjà décidée."))
        reviewer_id, team_id = getattr(reviewer, "pk", None), getattr(team, "pk", None)
        if (locked.reviewer_id, locked.team_id) == (reviewer_id, team_id):
            return locked
        new_reviewer, new_team = reviewer_id != locked.reviewer_id, team_id != locked.team_id
        locked.reviewer, locked.team = reviewer, team
        locked.save(update_fields=["reviewer", "team", "updated_at"])
        SUPPORT.move(locked, "assign", by=by, assigned_reviewer=reviewer, assigned_team=team)
        body = ""
        if locked.is_stale():
            body = _("L'association attend une réponse depuis %(days)s jours.") % {
                "days": (timezone.now() - locked.waiting_since).days
            }
        told = {by.pk}
        if reviewer is not None and new_reviewer and reviewer.pk not in told:
            told.add(reviewer.pk)
            tell([reviewer], locked, "support.assigned", {"title": locked.title}, body)
        if team is not None and new_team:
            members = [member for member in team.active_members() if member.pk not in told]
            tell(members, locked, "support.assigned_team", {"team": team.name, "title": locked.title}, body)
    return locked
