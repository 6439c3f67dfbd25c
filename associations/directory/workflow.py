"""The verification of an association's page (see ``solidarite.workflow``): city ``staff`` verify
or refuse it; each decision writes an ``AssociationEvent``. Hiding is a flag beside the state
(``services.set_hidden``), not a step: a verified page may be hidden and shown again.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.directory.editing import can_manage
from associations.directory.models import Action, Association, AssociationEvent
from solidarite.accounts.roles import is_city_staff
from solidarite.workflow import Machine, Step

Status = Association.Status
STAFF = "staff"
EVENTS = {"verify": AssociationEvent.Kind.VERIFIED, "refuse": AssociationEvent.Kind.REFUSED}


def _roles(association, user) -> set[str]:
    return {STAFF} if is_city_staff(user) else set()


def _log(association, step, previous, by, reason, **extra):
    # The page's state changes with the log: when it was verified is part of the step.
    association.verified_at = timezone.now() if step.target == Status.VERIFIED else None
    return AssociationEvent(association=association, kind=EVENTS[step.name], actor=by, message=reason)


def _stale(association, step) -> str:
    return _("Cette page est déjà « %(status)s ».") % {"status": association.get_status_display()}


ASSOCIATION = Machine(
    field="status",
    roles=_roles,
    log=_log,
    refused=_("Réservé aux agent·es de la ville."),
    stale=_stale,
    steps=[
        Step("verify", _("Vérifier"), (Status.PENDING, Status.REFUSED), Status.VERIFIED, STAFF),
        Step("refuse", _("Refuser"), (Status.PENDING, Status.VERIFIED), Status.REFUSED, STAFF, reason_required=True),
    ],
)


# An action is published when its association's managers create it; they may cancel it (with a reason
# its participants are told). A cancelled action stays on the agenda, marked, and changes no more.
MANAGER = "manager"
ACTION = Machine(
    field="status",
    roles=lambda action, user: {MANAGER} if can_manage(user, action.association) else set(),
    refused=_("Seuls les responsables de l'association peuvent faire cela."),
    stale=_("Cette action est annulée : elle ne peut plus être modifiée."),
    steps=[
        Step(
            "cancel",
            _("Annuler l'action"),
            (Action.Status.PUBLISHED,),
            Action.Status.CANCELLED,
            MANAGER,
            style="danger",
        ),
    ],
)
