"""The life cycle of a support request (see ``solidarite.workflow``).

Who is who: the association's ``manager``s (signed in, not suspended) and city ``staff`` (the
same, with the staff flag). Granting has its own form and service (``services.grant``: the
decision's figures and the envelope); "assign" records who reviews without changing the state.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from associations.support.models import SupportRequest, Transition
from solidarite.accounts.roles import can_post, is_city_staff
from solidarite.workflow import Machine, Step

State = SupportRequest.State
MANAGER = "manager"
STAFF = "staff"
UNDECIDED = (State.SUBMITTED, State.IN_REVIEW, State.NEEDS_INFO)
REFUSED = {
    MANAGER: gettext_lazy("Seuls les responsables de l'association peuvent faire cela."),
    STAFF: gettext_lazy("Seuls les agent·es de la ville peuvent faire cela."),
}


class SupportError(ValidationError):
    """A rule refused the change; the message is meant for the person who tried."""


def can_manage(user, support_request) -> bool:
    return can_post(user) and support_request.association.is_manager(user)


def can_review(user) -> bool:
    return can_post(user) and is_city_staff(user)


def may_message(user, support_request) -> bool:
    """The association's managers write at any time; the city once the request is submitted (a
    draft is the association's own business). ``services.post_message`` refuses the rest."""
    if can_review(user):
        return support_request.state != State.DRAFT
    return can_manage(user, support_request)


def _roles(support_request, user) -> set[str]:
    roles = set()
    if can_review(user):
        roles.add(STAFF)
    if can_manage(user, support_request):
        roles.add(MANAGER)
    return roles


def _log(support_request, step, previous, by, reason, *, at=None, assigned_reviewer=None, assigned_team=None):
    return Transition(
        request=support_request,
        name=step.name,
        from_state=previous,
        to_state=step.target or previous,
        by=by,
        by_city=STAFF in step.actors,
        reason=reason,
        assigned_reviewer=assigned_reviewer,
        assigned_team=assigned_team,
        at=at or timezone.now(),
    )


def _stale(support_request, step) -> str:
    return _("Impossible de « %(step)s » une demande « %(state)s ».") % {
        "step": str(step.label).lower(),
        "state": support_request.get_state_display(),
    }


SUPPORT = Machine(
    field="state",
    roles=_roles,
    log=_log,
    refused=REFUSED,
    stale=_stale,
    invalid=SupportError,
    steps=[
        Step("submit", gettext_lazy("Déposer la demande"), (State.DRAFT,), State.SUBMITTED, MANAGER),
        Step("resubmit", gettext_lazy("Envoyer les compléments"), (State.NEEDS_INFO,), State.IN_REVIEW, MANAGER),
        Step(
            "withdraw",
            gettext_lazy("Retirer la demande"),
            (State.DRAFT, *UNDECIDED),
            State.CLOSED,
            MANAGER,
            style="secondary",
        ),
        Step("start_review", gettext_lazy("Prendre en instruction"), (State.SUBMITTED,), State.IN_REVIEW, STAFF),
        Step(
            "ask_info",
            gettext_lazy("Demander des compléments"),
            (State.SUBMITTED, State.IN_REVIEW),
            State.NEEDS_INFO,
            STAFF,
            reason_required=True,
        ),
        Step(
            "refuse",
            gettext_lazy("Refuser"),
            UNDECIDED,
            State.REFUSED,
            STAFF,
            reason_required=True,
            style="secondary",
        ),
        Step(
            "close",
            gettext_lazy("Classer sans suite"),
            UNDECIDED,
            State.CLOSED,
            STAFF,
            reason_required=True,
            style="secondary",
        ),
        # Only through services.grant(): it needs the decision's figures and the envelope.
        Step("grant", gettext_lazy("Accorder"), (State.IN_REVIEW,), State.GRANTED, STAFF),
        # Only through services.assign(): the state stays, the history says who reviews.
        Step("assign", gettext_lazy("Confier l'instruction"), UNDECIDED, None, STAFF),
    ],
)

# The steps a plain form (a reason, or nothing) takes; granting and assigning have their own forms.
SIMPLE_STEPS = tuple(step.name for step in SUPPORT if step.name not in ("grant", "assign"))


def available_steps(user, support_request) -> list[Step]:
    """The simple steps this person may take now (the buttons of the page)."""
    return [step for step in SUPPORT.available(support_request, user) if step.name in SIMPLE_STEPS]
