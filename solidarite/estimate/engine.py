"""OpenFisca-France: the tax-benefit system loaded once per process, households computed in batches.

Loading takes seconds and ~250 MB, so it happens once per process: lazily (`system()`) in the demo and
the tests, at start-up of the estimate worker in production (`pool.start`). Never in a request.

What makes a warm simulation slow, measured (bench/rights_estimate.py) and cut here:
- the tracer: off (OpenFisca's default; never turn it on in production);
- spirals that recompute aids we do not ask for: the CSS resources read twelve months of ASPA, ASI, ASS
  and complement of AAH, each reading the aides au logement of that month (~20,000 cells for one person).
  When the answers rule an aid out (nobody 60 or older, nobody disabled; ASS is not asked), it is set to
  0 for those months instead of being computed;
- the aides au logement of past months, read by the forfait logement of RSA and prime d'activité: the
  questionnaire asks only today's housing, so the amount computed for month M is given to the twelve
  months before it rather than recomputed for each (the answer the naive path gives, for less work);
- one household per simulation: households waiting together are computed in one vectorised simulation
  (`compute` takes a list), which costs about as much as one.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from solidarite.estimate import situation as sit

_lock = threading.Lock()
_system = None


def system():
    """The FranceTaxBenefitSystem of this process, loaded on first use (thread-safe)."""
    global _system
    if _system is None:
        with _lock:
            if _system is None:
                from openfisca_france import FranceTaxBenefitSystem

                _system = FranceTaxBenefitSystem()
    return _system


def legislation_version() -> str:
    from importlib.metadata import version

    return version("openfisca-france")


@dataclass(frozen=True)
class Aid:
    code: str  # our code, matched by the guide's aids (rights.Aid.openfisca_code)
    variable: str
    entity: str  # famille, individu or menage: how the amount is summed over the household
    yearly: bool = False  # paid once a year (ARS, chèque énergie): the amount is the year's


AIDS = (
    Aid("rsa", "rsa", "famille"),
    Aid("prime_activite", "ppa", "famille"),
    Aid("aides_logement", "aide_logement", "famille"),
    Aid("allocations_familiales", "af", "famille"),
    Aid("complement_familial", "cf", "famille"),
    Aid("ars", "ars", "famille", yearly=True),
    Aid("aah", "aah", "individu"),
    Aid("aspa", "aspa", "famille"),
    Aid("css_gratuite", "cmu_c", "famille"),
    Aid("css_participation", "css_participation_forfaitaire", "famille"),
    Aid("cheque_energie", "cheque_energie", "menage", yearly=True),
)
AID_CODES = tuple(a.code for a in AIDS)


def _shortcut_inputs(situation: dict, households: list[sit.Household], month: str) -> None:
    """Set to 0 the aids the answers rule out, for the months the CSS and AAH resources read.

    Only where no household of the batch could have them: an input given for some people of a simulation
    is an input for all of them (OpenFisca fills the others with the default, 0), so zeroing the AAH of
    one person would zero the AAH of a disabled person computed alongside.
    """
    months = [sit.month_add(month, -d) for d in range(24, -1, -1)]
    zero = dict.fromkeys(months, 0.0)
    people = [p for h in households for p in h.people]
    person_vars = ["ass"]  # not asked: a person receiving it is out of our scope
    if not any(p.disability for p in people):
        person_vars += ["aah", "caah", "mva", "asi"]
    for inputs in situation["individus"].values():
        for var in person_vars:
            inputs.setdefault(var, dict(zero))
    if all(p.age < 60 for p in people):
        for family in situation["familles"].values():
            family.setdefault("aspa", dict(zero))


def _per_household(sim, aid: Aid, period, households) -> list[float]:
    values = sim.calculate(aid.variable, period)
    population = sim.populations[aid.entity]
    ids = list(population.ids)
    out = []
    for index, household in enumerate(households):
        key = f"h{index}"
        if aid.entity == "famille":
            out.append(float(values[ids.index(f"{key}_f")]))
        elif aid.entity == "menage":
            out.append(float(values[ids.index(f"{key}_m")]))
        else:
            out.append(float(sum(values[ids.index(f"{key}_p{n}")] for n in range(len(household.people)))))
    return out


def _profile(household: sit.Household) -> tuple[bool, bool]:
    """What decides which shortcuts a batch may take: someone disabled, someone 60 or older."""
    return any(p.disability for p in household.people), any(p.age >= 60 for p in household.people)


def compute(households: list[sit.Household], month: str, *, shortcuts: bool = True) -> list[dict[str, float]]:
    """Amounts of every aid in AIDS for each household, by vectorised simulations.

    Monthly aids are for `month`; yearly ones (ARS, chèque énergie) for its year. Households are grouped
    by profile (one simulation per group) so that one disabled person does not cost the whole batch its
    shortcuts. `shortcuts=False` is the naive path (everything computed), kept for the benchmark.
    """
    if not shortcuts:
        return _compute(households, month, shortcuts=False)
    groups: dict[tuple[bool, bool], list[int]] = {}
    for index, household in enumerate(households):
        groups.setdefault(_profile(household), []).append(index)
    results: list[dict[str, float]] = [{} for _ in households]
    for indexes in groups.values():
        for index, result in zip(indexes, _compute([households[i] for i in indexes], month), strict=True):
            results[index] = result
    return results


def _compute(households: list[sit.Household], month: str, *, shortcuts: bool = True) -> list[dict[str, float]]:
    from openfisca_core.simulation_builder import SimulationBuilder

    if not households:
        return []
    situation = sit.build(households, month)
    if shortcuts:
        _shortcut_inputs(situation, households, month)
    sim = SimulationBuilder().build_from_entities(system(), situation)
    results: list[dict[str, float]] = [{} for _ in households]
    if shortcuts:
        # The AAH first: computed inside the housing aid's spiral (its resources read the AAH, which reads
        # the housing aid) OpenFisca caches the spiral's default, 0, for it.
        sim.calculate("aah", month)
        housing = sim.calculate("aide_logement", month)
        for delta in range(1, 13):
            past = sit.month_add(month, -delta)
            if sim.get_holder("aide_logement").get_array(past) is None:
                sim.set_input("aide_logement", past, housing)
    for aid in AIDS:
        period = month[:4] if aid.yearly else month
        for result, value in zip(results, _per_household(sim, aid, period, households), strict=True):
            result[aid.code] = round(value, 2)
    return results
