"""The life cycle of a claim to run a shop (see ``solidarite.workflow``): city ``staff`` approve or
reject a pending claim; each decision writes a ``ShopEvent`` on the shop. Approving one claim
rejects the other pending claims of the shop (``services.approve_claim``).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarite.accounts.roles import is_city_staff
from solidarite.shops.models import Initiative, Shop, ShopClaim, ShopEvent
from solidarite.workflow import SYSTEM, Machine, Step

Status = ShopClaim.Status
ShopStatus = Shop.Status
STAFF = "staff"
EVENTS = {"approve": ShopEvent.Action.CLAIM_APPROVED, "reject": ShopEvent.Action.CLAIM_REJECTED}


def _roles(claim, user) -> set[str]:
    return {STAFF} if is_city_staff(user) else set()


def _log(claim, step, previous, by, reason, *, note=None):
    # The decision is part of the claim as well as of the shop's history.
    claim.decided_by, claim.decided_at = by, timezone.now()
    return ShopEvent(shop=claim.shop, actor=by, action=EVENTS[step.name], note=(note or reason or "")[:250])


CLAIM = Machine(
    field="status",
    roles=_roles,
    log=_log,
    refused=_("Réservé aux agent·es de la ville."),
    stale=_("Cette demande a déjà été traitée."),
    steps=[
        Step("approve", _("Accepter"), (Status.PENDING,), Status.APPROVED, STAFF),
        Step("reject", _("Refuser"), (Status.PENDING,), Status.REJECTED, STAFF, reason_required=True),
    ],
)
DECISION_FIELDS = ["decided_by", "decided_at", "decision_note"]


def _verified(shop, step, previous, by, reason, **extra):
    # When it was verified is part of the step; the ShopEvent is written by the service, which also
    # records a verification of an already verified shop (a SIRET corrected).
    shop.verified_at = timezone.now()
    return None


# A listing is verified by staff (its SIRET checked), or when staff approve a claim to run it
# (``services.approve_claim``, a consequence of that decision: the platform's step).
SHOP = Machine(
    field="status",
    roles=_roles,
    log=_verified,
    refused=_("Réservé aux agent·es de la ville."),
    stale=_("Ce commerce est déjà vérifié."),
    steps=[
        Step("verify", _("Vérifier"), (ShopStatus.PENDING,), ShopStatus.VERIFIED, STAFF),
        Step(
            "verify_by_claim", _("Vérifié par une demande acceptée"), (ShopStatus.PENDING,), ShopStatus.VERIFIED, SYSTEM
        ),
    ],
)


# An initiative's life is its shop's owner editing it until they end it. Its state is read from
# ``ended_at`` (the end's instant is what pages and feeds need); the machine writes that timestamp.
OWNER = "owner"
InitiativeState = Initiative.State


def _end(initiative, target) -> list[str]:
    initiative.ended_at = timezone.now() if target == InitiativeState.ENDED else None
    return ["ended_at"]


INITIATIVE = Machine(
    field="state",
    roles=lambda initiative, user: {OWNER} if initiative.shop.is_owner(user) else set(),
    write=_end,
    refused=_("Seul·e le ou la commerçant·e vérifié·e de ce commerce peut faire cela."),
    stale=_("Cette initiative est terminée : publiez-en une nouvelle."),
    steps=[
        # Editing keeps the state; it is here so that the page asks the machine whether it is possible.
        Step("edit", _("Modifier"), (InitiativeState.RUNNING,), None, OWNER),
        Step(
            "end", _("Terminer l'initiative"), (InitiativeState.RUNNING,), InitiativeState.ENDED, OWNER, style="danger"
        ),
    ],
)
