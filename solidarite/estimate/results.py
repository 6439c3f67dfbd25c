"""What the result page shows for each aid: amount, its page in the guide, the next permanence that helps
with it, the official simulator. The guide's aids are matched by their slug (rights.Aid.slug)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from solidarite.rights import availability
from solidarite.rights.models import Aid as GuideAid
from solidarite.rights.models import AidTheme, Permanence

MES_DROITS = "https://www.mesdroitssociaux.gouv.fr/"


@dataclass(frozen=True)
class Shown:
    codes: tuple[str, ...]  # engine codes summed into this line
    slug: str  # the guide's aid
    title: object
    simulator: str
    yearly: bool = False
    flag: bool = False  # a yes/no right (CSS without participation)


SHOWN = (
    Shown(("rsa",), "rsa", _("Revenu de solidarité active (RSA)"), MES_DROITS),
    Shown(("prime_activite",), "prime-d-activite", _("Prime d'activité"), MES_DROITS),
    Shown(("aides_logement",), "aides-au-logement", _("Aide au logement (APL, ALS ou ALF)"), MES_DROITS),
    Shown(("allocations_familiales",), "allocations-familiales", _("Allocations familiales"), MES_DROITS),
    Shown(("complement_familial",), "complement-familial", _("Complément familial"), MES_DROITS),
    Shown(
        ("ars",),
        "allocation-de-rentree-scolaire",
        _("Allocation de rentrée scolaire (versée en août)"),
        MES_DROITS,
        yearly=True,
    ),
    Shown(("aah",), "allocation-adulte-handicape", _("Allocation aux adultes handicapés (AAH)"), MES_DROITS),
    Shown(
        ("aspa",),
        "allocation-de-solidarite-aux-personnes-agees",
        _("Allocation de solidarité aux personnes âgées (minimum vieillesse)"),
        MES_DROITS,
    ),
    Shown(
        ("css_gratuite",),
        "complementaire-sante-solidaire",
        _("Complémentaire santé solidaire, gratuite"),
        "https://www.ameli.fr/simulateur-droits",
        flag=True,
    ),
    Shown(
        ("css_participation",),
        "complementaire-sante-solidaire",
        _("Complémentaire santé solidaire, avec une participation par mois de"),
        "https://www.ameli.fr/simulateur-droits",
    ),
    Shown(
        ("cheque_energie",),
        "cheque-energie",
        _("Chèque énergie (une fois par an)"),
        "https://chequeenergie.gouv.fr/",
        yearly=True,
    ),
)


@dataclass
class Line:
    title: str
    amount: float
    yearly: bool
    flag: bool
    simulator: str
    guide: GuideAid | None
    permanence: Permanence | None
    slot: str  # the next free slot, as the permanence's page says it ("" when none)


def _next_permanence(guide: GuideAid | None, first_free: dict):
    """The active permanence, at a place sharing a theme with the aid, that has the earliest free slot.
    ``first_free`` remembers each permanence's first free slot: one permanence (the CCAS's) helps with
    most aids, and its slots are computed once per result page, not once per aid."""
    if guide is None:
        return None, None
    themes = AidTheme.objects.filter(aid=guide).values("code")
    candidates = Permanence.objects.filter(
        is_active=True, place__is_published=True, place__themes__code__in=themes
    ).distinct()[:5]
    best = (None, None)
    for permanence in candidates:
        if permanence.pk not in first_free:
            first_free[permanence.pk] = next((s for s in availability.slots(permanence) if s.state == "free"), None)
        free = first_free[permanence.pk]
        if free and (best[1] is None or free.start < best[1].start):
            best = (permanence, free)
        elif best[0] is None:
            best = (permanence, None)
    return best


def lines(amounts: dict[str, float]) -> list[Line]:
    """The aids likely payable (amount above 0), in the order of SHOWN."""
    shown = [s for s in SHOWN if sum(amounts.get(c, 0) for c in s.codes) > 0]
    guides = GuideAid.objects.published().in_bulk([s.slug for s in shown], field_name="slug")
    out, first_free = [], {}
    for s in shown:
        guide = guides.get(s.slug)
        permanence, slot = _next_permanence(guide, first_free)
        out.append(
            Line(
                str(s.title),
                round(sum(amounts.get(c, 0) for c in s.codes), 2),
                s.yearly,
                s.flag,
                s.simulator,
                guide,
                permanence,
                availability.slot_text(slot.start, slot.end) if slot else "",
            )
        )
    return out
