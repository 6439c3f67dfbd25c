"""The life cycles of giveaways (``solidarite.workflow``): gifts, wishes, matches.

- gift: offered --wisher accepts a match--> promised --giver hands it over--> given (weight recorded);
  offered --drop--> given at the ressourcerie; offered/promised --withdraw--> withdrawn; promised
  --release--> offered (the taker did not come); offered --expire--> expired (``expire_gifts``, past the
  pickup window); any --hide--> hidden (moderation, ``moderation.moderate``).
- wish: open --a match accepted--> fulfilled (--released--> open again); open --close--> closed;
  open --expire--> expired; any --hide--> hidden.
- match: proposed --accept--> accepted, proposed --decline--> declined (the wisher, as in help);
  proposed/accepted --withdraw--> withdrawn by the platform when the gift goes to someone else or ends.
"""

from django.utils.translation import gettext_lazy as _

from solidarite.giveaways.models import Gift, GiftMatch, GiftMatchTransition, GiftTransition, Wish
from solidarite.workflow import SYSTEM, Machine, Sides, Step, log_to, owner_role

GIVER, WISHER = "giver", "wisher"

G = Gift.Status
W = Wish.Status
M = GiftMatch.Status


GIFT = Machine(
    field="status",
    roles=owner_role("giver_id", GIVER),
    log=log_to(GiftTransition, "gift", reason_max=300),
    refused=_("Seul·e la personne qui donne l'objet fait cela."),
    stale=_("Ce don n'en est plus là : rechargez la page."),
    steps=[
        Step("give", _("L'objet a été remis"), (G.PROMISED,), G.GIVEN, GIVER, slug="remis"),
        Step("drop", _("Je l'ai déposé à la ressourcerie"), (G.OFFERED,), G.GIVEN, GIVER, slug="ressourcerie"),
        Step(
            "release",
            _("La personne n'est pas venue : le redonner"),
            (G.PROMISED,),
            G.OFFERED,
            GIVER,
            slug="redonner",
            style="secondary",
        ),
        Step(
            "withdraw",
            _("Retirer mon don"),
            (G.OFFERED, G.PROMISED),
            G.WITHDRAWN,
            GIVER,
            slug="retirer",
            style="danger",
        ),
        Step("promise", _("Promis"), (G.OFFERED,), G.PROMISED, SYSTEM),
        Step("expire", _("Période de retrait passée"), (G.OFFERED,), G.EXPIRED, SYSTEM),
        Step("hide", _("Masquer"), (G.OFFERED, G.PROMISED, G.GIVEN, G.WITHDRAWN, G.EXPIRED), G.HIDDEN, SYSTEM),
    ],
)


WISH = Machine(
    field="status",
    roles=owner_role("wisher_id", WISHER),
    refused=_("Seul·e l'auteur·rice modifie son souhait."),
    stale=_("Ce souhait n'est plus ouvert."),
    steps=[
        Step("close", _("Fermer mon souhait"), (W.OPEN,), W.CLOSED, WISHER, slug="fermer", style="danger"),
        Step("fulfil", _("Don accepté"), (W.OPEN,), W.FULFILLED, SYSTEM),
        Step("reopen", _("Don plus réservé"), (W.FULFILLED,), W.OPEN, SYSTEM),
        Step("expire", _("Période passée"), (W.OPEN,), W.EXPIRED, SYSTEM),
        Step("hide", _("Masquer"), (W.OPEN, W.FULFILLED, W.CLOSED, W.EXPIRED), W.HIDDEN, SYSTEM),
    ],
)


SIDES = Sides((WISHER, "wish.wisher_id"), (GIVER, "gift.giver_id"))
side_of = SIDES.of

MATCH = Machine(
    field="status",
    roles=SIDES.roles,
    log=log_to(GiftMatchTransition, "match", reason_max=300),
    refused=_("Seul·e la personne qui a fait le souhait répond à ce don."),
    stale=_("Ce don n'est plus disponible pour vous : rechargez la page."),
    steps=[
        Step("accept", _("Je le prends"), (M.PROPOSED,), M.ACCEPTED, WISHER, slug="accepter"),
        Step("decline", _("Non merci"), (M.PROPOSED,), M.DECLINED, WISHER, slug="decliner", style="secondary"),
        Step("withdraw", _("Plus disponible"), (M.PROPOSED, M.ACCEPTED), M.WITHDRAWN, SYSTEM),
    ],
)
