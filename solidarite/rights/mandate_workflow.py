"""The life cycle of a mandate (see ``solidarite.workflow``).

active --revoke--> revoked: at any time, by a mediator of the structure, the resident (if they have an
account) or city staff; active --expire--> expired: the platform, the day after its end date
(``purge_mandates``). Either way the resident's name and phone are purged at once (``mandates.end``).
Creation is ``mandates.create``: it writes the first log row (from no state).
"""

from django.utils.translation import gettext_lazy as _

from solidarite.rights.mandate_models import Mandate, MandateLog, MediatorGrant
from solidarite.workflow import SYSTEM, Machine, Step, log_to

Status = Mandate.Status
MEDIATOR, RESIDENT, STAFF = "mediator", "resident", "staff"


def is_mediator_of(user, structure_id) -> bool:
    return MediatorGrant.objects.effective().filter(user=user, association_id=structure_id).exists()


def _roles(mandate, user) -> set[str]:
    roles = set()
    if not user.is_active:
        return roles
    if mandate.resident_id == user.pk:
        roles.add(RESIDENT)
    if user.is_staff:
        roles.add(STAFF)
    if is_mediator_of(user, mandate.structure_id):
        roles.add(MEDIATOR)
    return roles


MANDATE = Machine(
    field="status",
    roles=_roles,
    log=log_to(MandateLog, "mandate"),
    refused=_(
        "Seul·es la personne, un·e médiateur·rice de la structure ou les agent·es de la ville révoquent un mandat."
    ),
    stale=_("Ce mandat est déjà terminé."),
    steps=[
        Step(
            "revoke",
            _("Révoquer le mandat"),
            (Status.ACTIVE,),
            Status.REVOKED,
            (MEDIATOR, RESIDENT, STAFF),
            slug="revoquer",
            style="danger",
        ),
        Step("expire", _("Arrivé à échéance"), (Status.ACTIVE,), Status.EXPIRED, SYSTEM),
    ],
)
