"""The life cycles of neighbourhood help (see ``solidarite.workflow``): requests, offers, matches.

Who is who on each object:
- a post's ``author``; hiding is the platform's step, taken by ``services.moderate`` for city
  staff on a report (never a button of its own);
- a match's ``requester`` (author of the request) and ``offerer`` (author of the offer).

A request is *met* once a match is accepted (matched, then done), and the dashboard counts it so:
no step leads from matched or done to closed or expired. Its author ends a matched request on
the match: ``mark_done`` (done), or ``withdraw``, which reopens it (and then it may be closed).
"""

from django.utils.translation import gettext_lazy as _

from solidarite.accounts.roles import is_city_staff
from solidarite.help.models import HelpOffer, HelpRequest, Match, MatchTransition, Report
from solidarite.workflow import SYSTEM, Machine, Sides, Step, log_to, owner_role

AUTHOR = "author"
REQUESTER, OFFERER = "requester", "offerer"

R = HelpRequest.Status
O = HelpOffer.Status  # noqa: E741
M = Match.Status


_post_roles = owner_role("author_id", AUTHOR)

REQUEST = Machine(
    field="status",
    roles=_post_roles,
    refused=_("Seul·e l'auteur·rice modifie sa demande."),
    stale=_("Cette demande n'est plus ouverte."),
    steps=[
        # Editing keeps the state; it is here so that pages ask the machine whether it is possible.
        Step("edit", _("Modifier"), (R.OPEN,), None, AUTHOR, style="secondary"),
        Step("close", _("Fermer ma demande"), (R.OPEN,), R.CLOSED, AUTHOR, style="danger"),
        Step("match", _("Mise en relation acceptée"), (R.OPEN,), R.MATCHED, SYSTEM),
        Step("reopen", _("Mise en relation retirée"), (R.MATCHED,), R.OPEN, SYSTEM),
        Step("done", _("Aide reçue"), (R.MATCHED,), R.DONE, SYSTEM),
        Step("expire", _("Période passée"), (R.OPEN,), R.EXPIRED, SYSTEM),
        Step("hide", _("Masquer"), (R.OPEN, R.MATCHED, R.DONE, R.EXPIRED, R.CLOSED), R.HIDDEN, SYSTEM),
    ],
)

OFFER = Machine(
    field="status",
    roles=_post_roles,
    refused=_("Seul·e l'auteur·rice modifie sa proposition."),
    stale=_("Cette proposition ne peut pas passer à cet état."),
    steps=[
        Step("pause", _("Mettre en pause"), (O.OPEN,), O.PAUSED, AUTHOR, slug="pause", style="secondary"),
        Step("resume", _("Reprendre"), (O.PAUSED,), O.OPEN, AUTHOR, slug="reprendre"),
        Step("close", _("Fermer ma proposition"), (O.OPEN, O.PAUSED), O.CLOSED, AUTHOR, slug="fermer", style="danger"),
        Step("expire", _("Disponibilité passée"), (O.OPEN, O.PAUSED), O.EXPIRED, SYSTEM),
        Step("hide", _("Masquer"), (O.OPEN, O.PAUSED, O.CLOSED, O.EXPIRED), O.HIDDEN, SYSTEM),
    ],
)


SIDES = Sides((REQUESTER, "request.author_id"), (OFFERER, "offer.author_id"))
side_of = SIDES.of

MATCH = Machine(
    field="status",
    roles=SIDES.roles,
    log=log_to(MatchTransition, "match", reason_max=300),
    refused=_("Vous ne pouvez pas faire cela pour cette mise en relation."),
    stale=_("Cette mise en relation n'en est plus là : rechargez la page."),
    steps=[
        Step("offer_help", _("Je peux aider"), (M.PROPOSED,), M.OFFERED, OFFERER),
        Step("accept", _("Accepter cette aide"), (M.OFFERED,), M.ACCEPTED, REQUESTER),
        Step("decline", _("Non merci"), (M.PROPOSED, M.OFFERED), M.DECLINED, REQUESTER, style="secondary"),
        Step(
            "withdraw",
            _("Me retirer"),
            (M.PROPOSED, M.OFFERED, M.ACCEPTED),
            M.WITHDRAWN,
            (REQUESTER, OFFERER),
            style="secondary",
        ),
        Step("mark_done", _("L'aide a eu lieu"), (M.ACCEPTED,), M.DONE, REQUESTER),
    ],
)


# A report is examined once: city staff take one decision on it (``reporting.moderate``); a second
# decision on the same report (two staff at once, a resent form) is refused, not applied twice.
STAFF = "staff"
REPORT = Machine(
    field="status",
    roles=lambda report, user: {STAFF} if is_city_staff(user) else set(),
    refused=_("Réservé aux agent·es de la ville."),
    stale=_("Ce signalement a déjà été traité."),
    steps=[
        Step("hide", _("Masquer le contenu"), (Report.Status.OPEN,), Report.Status.HIDDEN, STAFF),
        Step("warn", _("Avertir l'auteur·rice"), (Report.Status.OPEN,), Report.Status.WARNED, STAFF),
        Step("suspend", _("Masquer et suspendre le compte"), (Report.Status.OPEN,), Report.Status.SUSPENDED, STAFF),
        Step("dismiss", _("Classer sans suite"), (Report.Status.OPEN,), Report.Status.DISMISSED, STAFF),
    ],
)
