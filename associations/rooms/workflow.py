"""The life cycle of a room booking (see ``solidarite.workflow``).

requested --approve--> confirmed; requested --refuse--> refused; requested|confirmed --cancel-->
cancelled. City ``staff`` decide; the ``holder`` (the managers of the booking association, or the
neighbour who booked for themself) cancels. A decision on a series applies to all its waiting
dates (``move_many``). Booking itself (the first row of the history, from no state) is
``services.book`` / ``book_series``: its state depends on the room's rules.
"""

from django.utils.translation import gettext_lazy as _

from associations.rooms.models import Booking, Transition
from solidarite.accounts.roles import can_post, is_city_staff
from solidarite.workflow import Machine, Step, log_to

Status = Booking.Status
STAFF, HOLDER = "staff", "holder"
REFUSED = {
    STAFF: _("Seul·es les agent·es de la ville valident les réservations."),
    HOLDER: _("Seuls les responsables de l'association qui a réservé peuvent annuler."),
}


def can_manage_booking(user, booking) -> bool:
    """The booking association's managers, or the neighbour who booked for themself."""
    if not can_post(user):
        return False
    if booking.association_id:
        return booking.association.is_manager(user)
    return booking.neighbour_id == user.pk


def _roles(booking, user) -> set[str]:
    roles = {STAFF} if is_city_staff(user) else set()
    if can_manage_booking(user, booking):
        roles.add(HOLDER)
    return roles


BOOKING = Machine(
    field="status",
    roles=_roles,
    log=log_to(Transition, "booking"),
    refused=REFUSED,
    steps=[
        Step("approve", _("Valider"), (Status.REQUESTED,), Status.CONFIRMED, STAFF, slug="approuver"),
        Step(
            "refuse",
            _("Refuser"),
            (Status.REQUESTED,),
            Status.REFUSED,
            STAFF,
            reason_required=True,
            slug="refuser",
            style="danger",
        ),
        Step("cancel", _("Annuler"), Booking.ACTIVE, Status.CANCELLED, HOLDER, slug="annuler"),
    ],
)
