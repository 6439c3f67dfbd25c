"""« Mes démarches »: the life cycle of a claim (solidarite.workflow) and its use cases.

a_faire --apply--> demandee --opened--> ouverte
                   demandee --refused--> refusee --retry--> a_faire
Only the person takes the steps (a mediator under a mandate: not built yet).
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidarite.estimate import results
from solidarite.estimate.models import Claim, ClaimLog, SavedEstimate
from solidarite.workflow import Machine, Step

Status = Claim.Status
OWNER = "owner"


def _roles(claim, user) -> set[str]:
    return {OWNER} if user.is_active and claim.user_id == user.pk else set()


def _log(claim, step, previous, by, reason, **extra):
    return ClaimLog(claim=claim, name=step.name, from_state=previous, to_state=step.target or previous, by=by,
                    reason=reason)


CLAIM = Machine(
    field="status",
    roles=_roles,
    log=_log,
    refused=gettext_lazy("Seule la personne concernée suit ses démarches."),
    steps=[
        Step("apply", gettext_lazy("J'ai fait la demande"), (Status.TODO,), Status.APPLIED, OWNER, slug="demandee"),
        Step("opened", gettext_lazy("Droit ouvert"), (Status.APPLIED,), Status.OPENED, OWNER, slug="ouverte"),
        Step("refused", gettext_lazy("Demande refusée"), (Status.APPLIED,), Status.REFUSED, OWNER, slug="refusee",
             style="secondary"),
        Step("retry", gettext_lazy("Refaire une demande"), (Status.REFUSED,), Status.TODO, OWNER, slug="a-refaire",
             style="secondary"),
    ],
)


def follow(*, user, saved: SavedEstimate) -> list[Claim]:
    """Each aid of a saved estimate becomes a claim « à faire » (an aid already followed is kept as it is)."""
    if saved.user_id != user.pk:
        raise PermissionDenied(_("Cette estimation n'est pas la vôtre."))
    created = []
    with transaction.atomic():
        for shown in results.SHOWN:
            amount = sum(saved.amounts.get(code, 0) for code in shown.codes)
            if amount <= 0:
                continue
            claim, made = Claim.objects.get_or_create(
                user=user, aid_code=shown.codes[0],
                defaults={"estimate": saved, "amount": Decimal(str(round(amount, 2)))})
            if made:
                created.append(claim)
    return created


def take_step(*, user, pk: int, url_name: str) -> Claim:
    with transaction.atomic():
        claim = Claim.objects.select_for_update().filter(pk=pk).first()
        if claim is None or claim.user_id != user.pk:
            raise PermissionDenied(_("Cette démarche n'existe pas ou n'est pas la vôtre."))
        step = CLAIM.by_url_name(url_name)
        if step is None:
            raise ValidationError(_("Action inconnue."))
        CLAIM.check(claim, step.name, user)
        CLAIM.move(claim, step.name, by=user)
    return claim


def title(claim: Claim) -> str:
    shown = next((s for s in results.SHOWN if claim.aid_code in s.codes), None)
    return str(shown.title) if shown else claim.aid_code


def guide_slug(claim: Claim) -> str:
    shown = next((s for s in results.SHOWN if claim.aid_code in s.codes), None)
    return shown.slug if shown else ""
