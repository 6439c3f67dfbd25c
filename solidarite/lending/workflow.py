"""The life cycle of a loan (see ``solidarite.workflow``).

booked --hand_over--> out --take_back--> returned; out --flag_late (system)--> late --take_back--> returned;
booked --cancel--> cancelled (the borrower, or the owner's managers); booked --no_show / lapse--> missed
(the owner's managers, or the platform once the period is over). Booking itself, the first row of the
history, is ``services.book``. The ``owner`` is whoever manages the item's lender (``Lender.is_manager``;
city staff too for the town's own items).
"""

from django.utils.translation import gettext_lazy as _

from solidarite.accounts.roles import can_post, is_city_staff
from solidarite.lending.models import Lender, Loan, Transition
from solidarite.workflow import SYSTEM, Machine, Step, log_to

Status = Loan.Status
OWNER, BORROWER = "owner", "borrower"
REFUSED = {
    OWNER: _("Seul·es les responsables du prêteur remettent et reprennent les objets."),
    BORROWER: _("Seule la personne qui a réservé peut annuler."),
}


def manages(user, lender) -> bool:
    """Whether ``user`` hands over and takes back ``lender``'s items."""
    if not can_post(user):
        return False
    if lender.kind == Lender.Kind.TOWN and is_city_staff(user):
        return True
    return lender.is_manager(user)


def _roles(loan, user) -> set[str]:
    roles = set()
    if loan.borrower_id is not None and loan.borrower_id == user.pk and can_post(user):
        roles.add(BORROWER)
    if manages(user, loan.item.lender):
        roles.add(OWNER)
    return roles


LOAN = Machine(
    field="status",
    roles=_roles,
    log=log_to(Transition, "loan"),
    refused=REFUSED,
    steps=[
        Step("hand_over", _("Remettre l'objet"), (Status.BOOKED,), Status.OUT, OWNER, slug="remettre"),
        Step("take_back", _("Reprendre l'objet"), (Status.OUT, Status.LATE), Status.RETURNED, OWNER, slug="reprendre"),
        Step(
            "cancel",
            _("Annuler"),
            (Status.BOOKED,),
            Status.CANCELLED,
            (BORROWER, OWNER),
            slug="annuler",
            style="danger",
        ),
        Step("no_show", _("Pas venu·e"), (Status.BOOKED,), Status.MISSED, OWNER, slug="pas-venu", style="secondary"),
        Step("lapse", _("Période passée sans retrait"), (Status.BOOKED,), Status.MISSED, SYSTEM),
        Step("flag_late", _("Signaler le retard"), (Status.OUT,), Status.LATE, SYSTEM),
    ],
)
