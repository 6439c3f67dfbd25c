"""The life cycle of an appointment at a permanence (see ``solidarite.workflow``).

booked --cancel--> cancelled (the person, a mediator acting under the mandate it was booked with, or
an agent of the permanence);
booked --attend--> attended, booked --no_show--> no_show (an agent, once the slot has begun).
Booking (from no state) and moving (cancel + book in one transaction) are ``appointments.book`` and
``appointments.move``: they need the slot guarantee, not only a state.
"""

from django.utils.translation import gettext_lazy as _

from solidarite.rights.mandate_models import Mandate
from solidarite.rights.mandate_workflow import is_mediator_of
from solidarite.rights.permanence_models import Appointment
from solidarite.workflow import Machine, Step

Status = Appointment.Status
RESIDENT, AGENT = "resident", "agent"
REFUSED = {
    RESIDENT: _("Seule la personne attendue ou un·e agent·e de la permanence peut annuler ce rendez-vous."),
    AGENT: _("Seul·es les agent·es de la permanence notent si la personne est venue."),
}


def _roles(appointment, user) -> set[str]:
    roles = set()
    if not user.is_active:
        return roles
    if appointment.resident_id == user.pk or _acts_for(appointment, user):
        roles.add(RESIDENT)
    if appointment.permanence.is_agent(user):
        roles.add(AGENT)
    return roles


def _acts_for(appointment, user) -> bool:
    """A mediator of the structure holding the appointment's active mandate (appointments scope)."""
    mandate = appointment.mandate if appointment.mandate_id else None
    return bool(
        mandate is not None
        and mandate.status == Mandate.Status.ACTIVE
        and mandate.scope_appointments
        and is_mediator_of(user, mandate.structure_id)
    )


def _status_by(appointment, step, previous, by, reason, **extra):
    # Who took the last step, on the row itself: an appointment keeps no history (less to purge).
    appointment.status_by = by
    return None


APPOINTMENT = Machine(
    field="status",
    roles=_roles,
    log=_status_by,
    refused=REFUSED,
    steps=[
        Step(
            "cancel",
            _("Annuler le rendez-vous"),
            (Status.BOOKED,),
            Status.CANCELLED,
            (RESIDENT, AGENT),
            slug="annuler",
            style="danger",
        ),
        Step("attend", _("Venu·e"), (Status.BOOKED,), Status.ATTENDED, AGENT, slug="venu"),
        Step("no_show", _("Absent·e"), (Status.BOOKED,), Status.NO_SHOW, AGENT, slug="absent", style="secondary"),
    ],
)
