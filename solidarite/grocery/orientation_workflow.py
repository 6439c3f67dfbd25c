"""The life cycle of an orientation (see ``solidarite.workflow``).

active --renew--> renewed (a prescriber: a new orientation takes over, same household and code);
active --end--> ended (a prescriber, or a manager of the épicerie: the household no longer comes);
active --expire--> expired (the platform, the day after the right's end: ``purge_grocery``);
expired --renew--> renewed (a right may be renewed after its end: the code works again).
Creating an orientation (from no state) is ``services.orient``.
"""

from django.utils.translation import gettext_lazy as _

from solidarite.grocery.models import Orientation, OrientationLog
from solidarite.grocery.roles import prescriber_of
from solidarite.workflow import SYSTEM, Machine, Step, log_to

Status = Orientation.Status
PRESCRIBER, MANAGER = "prescriber", "manager"


def _roles(orientation, user) -> set[str]:
    roles = set()
    prescriber = prescriber_of(user)
    # A structure follows its own orientations (a colleague takes over an absent agent's file).
    if prescriber is not None and (
        orientation.prescriber is None or orientation.prescriber.organisation == prescriber.organisation
    ):
        roles.add(PRESCRIBER)
    if orientation.household.grocery.is_manager(user):
        roles.add(MANAGER)
    return roles


ORIENTATION = Machine(
    field="status",
    roles=_roles,
    log=log_to(OrientationLog, "orientation"),
    refused=_("Seul·es les prescripteur·rices renouvellent une orientation ; elles et les responsables l'arrêtent."),
    steps=[
        Step(
            "renew",
            _("Renouveler le droit"),
            (Status.ACTIVE, Status.EXPIRED),
            Status.RENEWED,
            PRESCRIBER,
            slug="renouveler",
        ),
        Step(
            "end",
            _("Arrêter le droit"),
            (Status.ACTIVE,),
            Status.ENDED,
            (PRESCRIBER, MANAGER),
            slug="arreter",
            style="danger",
        ),
        Step("expire", _("Échéance"), (Status.ACTIVE,), Status.EXPIRED, SYSTEM),
    ],
)
