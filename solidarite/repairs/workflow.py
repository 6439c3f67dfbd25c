"""The life cycle of a repair record (see ``solidarite.workflow``).

(created by a resident) preregistered --arrive--> brought (a volunteer weighs it in at the session);
preregistered --withdraw--> withdrawn (its owner, or a volunteer);
(created by a volunteer) brought --outcome--> done (a volunteer notes fixed / repairable / end of life);
done --outcome--> done (a volunteer corrects the outcome; the log keeps both).
"""

from django.utils.translation import gettext_lazy as _

from solidarite.repairs.models import RecordLog, RepairRecord
from solidarite.repairs.roles import is_volunteer
from solidarite.workflow import Machine, Step, log_to

Status = RepairRecord.Status
VOLUNTEER, OWNER = "volunteer", "owner"


def _roles(record, user) -> set[str]:
    roles = set()
    if record.owner_id == user.pk:
        roles.add(OWNER)
    if is_volunteer(user, record.action):
        roles.add(VOLUNTEER)
    return roles


RECORD = Machine(
    field="status",
    roles=_roles,
    log=log_to(RecordLog, "record"),
    refused=_("Réservé aux bénévoles de l'association qui organise ce repair café."),
    steps=[
        Step("arrive", _("Objet apporté"), (Status.PREREGISTERED,), Status.BROUGHT, VOLUNTEER, slug="arrivee"),
        Step("outcome", _("Noter l'issue"), (Status.BROUGHT, Status.DONE), Status.DONE, VOLUNTEER, slug="issue"),
        Step(
            "withdraw",
            _("Retirer l'inscription"),
            (Status.PREREGISTERED,),
            Status.WITHDRAWN,
            (OWNER, VOLUNTEER),
            slug="retirer",
            style="danger",
        ),
    ],
)
