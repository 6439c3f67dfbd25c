"""« Mes démarches »: the life cycle of a claim (solidarite.workflow) and its use cases.

a_faire --apply--> demandee --opened--> ouverte
                   demandee --refused--> refusee --retry--> a_faire
The person takes the steps; so may, with them, a mediator under a mandate covering the estimate (the
act logged on the mandate) and the agents of an appointment the person shared an estimate with.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidarite.estimate import results
from solidarite.estimate.models import Claim, ClaimLog, SavedEstimate
from solidarite.rights import mandates
from solidarite.rights.mandate_models import MandateAct, Scope
from solidarite.workflow import Machine, Step, log_to

Status = Claim.Status
OWNER = "owner"
MEDIATOR = "mediator"
AGENT = "agent"
ANYONE = (OWNER, MEDIATOR, AGENT)


def _roles(claim, user) -> set[str]:
    if not user.is_active:
        return set()
    if claim.user_id == user.pk:
        return {OWNER}
    found = set()
    if mandates.for_act(user, Scope.ESTIMATE).filter(resident_id=claim.user_id).exists():
        found.add(MEDIATOR)
    # Imported here: sharing imports mandate_estimates, which imports this module.
    from solidarite.estimate import sharing

    if sharing.for_agent(user).filter(estimate__user_id=claim.user_id).exists():
        found.add(AGENT)
    return found


CLAIM = Machine(
    field="status",
    roles=_roles,
    log=log_to(ClaimLog, "claim"),
    refused=gettext_lazy(
        "Seule la personne concernée suit ses démarches (ou, avec elle, son médiateur·rice sous mandat)."
    ),
    steps=[
        Step("apply", gettext_lazy("J'ai fait la demande"), (Status.TODO,), Status.APPLIED, ANYONE, slug="demandee"),
        Step("opened", gettext_lazy("Droit ouvert"), (Status.APPLIED,), Status.OPENED, ANYONE, slug="ouverte"),
        Step(
            "refused",
            gettext_lazy("Demande refusée"),
            (Status.APPLIED,),
            Status.REFUSED,
            ANYONE,
            slug="refusee",
            style="secondary",
        ),
        Step(
            "retry",
            gettext_lazy("Refaire une demande"),
            (Status.REFUSED,),
            Status.TODO,
            ANYONE,
            slug="a-refaire",
            style="secondary",
        ),
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
                user=user,
                aid_code=shown.codes[0],
                defaults={"estimate": saved, "amount": Decimal(str(round(amount, 2)))},
            )
            if made:
                created.append(claim)
    return created


def take_step(*, user, pk: int, url_name: str, now=None) -> Claim:
    with transaction.atomic():
        claim = Claim.objects.select_for_update().filter(pk=pk).first()
        roles = CLAIM.roles(claim, user) if claim is not None else set()
        if not roles:
            raise PermissionDenied(_("Cette démarche n'existe pas ou n'est pas la vôtre."))
        step = CLAIM.by_url_name(url_name)
        if step is None:
            raise ValidationError(_("Action inconnue."))
        CLAIM.check(claim, step.name, user)
        if MEDIATOR in roles:
            mandate = mandates.for_act(user, Scope.ESTIMATE).filter(resident_id=claim.user_id).first()
            mandate = mandates.lock_for_act(mandate, user, Scope.ESTIMATE)
            mandates.record_act(
                mandate,
                by=user,
                kind=MandateAct.Kind.ESTIMATE,
                summary=_("démarche mise à jour : %(step)s") % {"step": step.label},
            )
        # A move starts a new period without reminder (reminders.py).
        claim.moved_at, claim.reminded_at = now or timezone.now(), None
        CLAIM.move(claim, step.name, by=user, save_fields=["moved_at", "reminded_at"])
    return claim


def title(claim: Claim) -> str:
    shown = next((s for s in results.SHOWN if claim.aid_code in s.codes), None)
    return str(shown.title) if shown else claim.aid_code


def guide_slug(claim: Claim) -> str:
    shown = next((s for s in results.SHOWN if claim.aid_code in s.codes), None)
    return shown.slug if shown else ""
