"""The life cycles of the gardens (``solidarite.workflow``): a plot, a place on the waiting list, an offer.

An offer is a help match's cycle: proposed --accept--> accepted (the applicant), or declined (the
applicant), expired (the platform, past its deadline: ``expire_garden_offers``), withdrawn (the
platform, when the applicant leaves the list or the manager closes the plot). Each end of an offer
moves its plot and its application with it (``offers.py``):

plot:        free --offer--> offered --allocate--> allocated --free--> free (a manager, end of season);
             offered --release--> free (declined, expired); free <--close/reopen--> closed (a manager);
application: waiting --offer--> offered --allocate--> allocated; offered --requeue--> waiting (end of
             the list); waiting/offered --withdraw--> withdrawn (the applicant or a manager).
"""

from django.utils.translation import gettext_lazy as _

from solidarite.gardens.models import Application, Offer, OfferLog, Plot
from solidarite.gardens.roles import is_manager
from solidarite.workflow import SYSTEM, Machine, Step

APPLICANT, MANAGER = "applicant", "manager"


def _plot_roles(plot, user) -> set[str]:
    return {MANAGER} if is_manager(plot.garden, user) else set()


PS = Plot.Status
PLOT = Machine(
    field="status",
    roles=_plot_roles,
    refused=_("Réservé aux responsables de ce jardin."),
    steps=[
        Step("offer", _("Proposer"), (PS.FREE,), PS.OFFERED, SYSTEM),
        Step("allocate", _("Attribuer"), (PS.OFFERED,), PS.ALLOCATED, SYSTEM),
        Step("release", _("Remettre libre"), (PS.OFFERED,), PS.FREE, SYSTEM),
        Step(
            "free", _("Libérer et proposer à la personne suivante"), (PS.ALLOCATED,), PS.FREE, MANAGER, slug="liberer"
        ),
        Step("close", _("Fermer la parcelle"), (PS.FREE,), PS.CLOSED, MANAGER, slug="fermer", style="secondary"),
        Step("reopen", _("Rouvrir et proposer"), (PS.CLOSED,), PS.FREE, MANAGER, slug="rouvrir"),
    ],
)


def _application_roles(application, user) -> set[str]:
    roles = {APPLICANT} if application.person_id == user.pk else set()
    if is_manager(application.garden, user):
        roles.add(MANAGER)
    return roles


AS = Application.Status
APPLICATION = Machine(
    field="status",
    roles=_application_roles,
    refused=_("Seule la personne inscrite, ou un·e responsable du jardin, retire une inscription."),
    steps=[
        Step("offer", _("Proposer une parcelle"), (AS.WAITING,), AS.OFFERED, SYSTEM),
        Step("allocate", _("Attribuer"), (AS.OFFERED,), AS.ALLOCATED, SYSTEM),
        Step("requeue", _("Remettre en fin de liste"), (AS.OFFERED,), AS.WAITING, SYSTEM),
        Step(
            "withdraw",
            _("Quitter la liste d'attente"),
            (AS.WAITING, AS.OFFERED),
            AS.WITHDRAWN,
            (APPLICANT, MANAGER),
            slug="retirer",
            style="danger",
        ),
    ],
)


def _offer_roles(offer, user) -> set[str]:
    return {APPLICANT} if offer.application.person_id == user.pk else set()


def _offer_log(offer, step, previous, by, reason, **extra):
    return OfferLog(
        offer=offer, name=step.name, from_state=previous, to_state=step.target or previous, by=by, reason=reason
    )


OS = Offer.Status
OFFER = Machine(
    field="status",
    roles=_offer_roles,
    log=_offer_log,
    refused=_("Seule la personne à qui la parcelle est proposée répond."),
    steps=[
        Step("accept", _("Accepter la parcelle"), (OS.PROPOSED,), OS.ACCEPTED, APPLICANT, slug="accepter"),
        Step("decline", _("Refuser"), (OS.PROPOSED,), OS.DECLINED, APPLICANT, slug="refuser", style="secondary"),
        Step("expire", _("Délai passé"), (OS.PROPOSED,), OS.EXPIRED, SYSTEM),
        Step("withdraw", _("Retirée"), (OS.PROPOSED,), OS.WITHDRAWN, SYSTEM),
    ],
)
