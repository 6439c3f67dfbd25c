"""Questionnaire answers → an OpenFisca-France situation (pure: no Django, no OpenFisca import).

The answers are what a person can tell (ages, relation, activity, net amounts received over the last
3 months and over the last 12 months, housing, commune). OpenFisca wants dated inputs, and each benefit
reads its own window: the RSA and the prime d'activité average the three months before the month
computed (M-3..M-1), the aides au logement and the CSS read twelve months, the family benefits and the
chèque énergie read the income of year N-2. An input set for the current month only gives wrong answers
(the same RSA for 0 € and 2,200 € of salary), so every window is filled here:

- M-3..M-1 get the 3-month amount divided by three; the current month M is assumed to go on like them;
- the other months back to January of N-1 get the rest of the 12-month amount spread evenly;
- years N-2 and N-3 get the 12-month amount (we ask for one year; the CAF reads the tax notice of N-2);
- net taxable income is taken as the net amount (the questionnaire asks what was received);
- a gross pension is taken as the net one (``GROSS``): the ASPA and the ASI read the gross pension, and
  left empty it counts 0 (a pensioner with 812.75 € a month got the full ASPA, 1,012.02 €, instead of
  199.27 €: the reference household aspa_01). Pensions low enough for those aids pay no CSG, CRDS or
  CASA, so their net is their gross (a higher pension's gross is larger: the aid is 0 either way).

Household members are numbered; several households can be put in one situation (a vectorised batch):
the ids are prefixed with the household's index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_DEPCOM = "44143"  # Rezé

ACTIVITIES = ("salarie", "independant", "chomeur", "etudiant", "retraite", "inactif")
# Our activity → OpenFisca's `activite` enum (TypesActivite).
_ACTIVITE = {
    "salarie": "actif",
    "independant": "actif",
    "chomeur": "chomeur",
    "etudiant": "etudiant",
    "retraite": "retraite",
    "inactif": "inactif",
}
ROLES = ("demandeur", "conjoint", "enfant", "autre")
HOUSING = (
    "locataire",
    "locataire_hlm",
    "locataire_meuble",
    "proprietaire",
    "accedant",
    "heberge",
    "sans_domicile",
    "autre",
)
_STATUT_OCCUPATION = {
    "locataire": "locataire_vide",
    "locataire_hlm": "locataire_hlm",
    "locataire_meuble": "locataire_meuble",
    "proprietaire": "proprietaire",
    "accedant": "primo_accedant",
    "heberge": "loge_gratuitement",
    "sans_domicile": "sans_domicile",
    "autre": "non_renseigne",  # hotel, caravan, squat…: no housing aid is estimated
}
# Resource kinds the questionnaire asks, each a pair of OpenFisca inputs (net received, net taxable).
RESOURCES = {
    "salaire": ("salaire_net", "salaire_imposable"),  # taxable = net × TAXABLE_SALARY (CSG, CRDS)
    "chomage": ("chomage_net", "chomage_imposable"),
    "retraite": ("retraite_nette", "retraite_imposable"),
    "pension_alimentaire": ("pensions_alimentaires_percues", None),
}
# The gross input some aids read instead of the net (see the module's docstring).
GROSS = {"retraite": "retraite_brute"}
# Net taxable salary over net received: the non-deductible CSG and the CRDS (2.9 % of 98.25 % of the gross)
# are taxed though not received. openfisca-france gives 1.036 for the 2024 salaries of its leximpact tests.
TAXABLE_SALARY = 1.036


@dataclass
class Person:
    role: str
    age: int
    activity: str = "inactif"
    # Disability rate recognised by the MDPH: 0 (none), 50 (50 to 79 %, with a substantial restriction
    # of access to employment), 80 (80 % or more).
    disability: int = 0
    # Aged 18 to 24: worked at least two years full time in the last three (the "RSA jeune actif").
    worked_two_years: bool = False
    # {kind: (amount of the last 3 months, amount of the last 12 months)}, net, in euros.
    resources: dict[str, tuple[float, float]] = field(default_factory=dict)


@dataclass
class Household:
    people: list[Person]
    housing: str = "locataire"
    rent: float = 0.0  # monthly rent (or loan instalment for an accédant), charges excluded
    depcom: str = DEFAULT_DEPCOM
    married: bool = False  # a couple married or pacsé files one tax return
    colocation: bool = False

    def adults(self):
        return [p for p in self.people if p.role in ("demandeur", "conjoint")]

    def children(self):
        return [p for p in self.people if p.role == "enfant"]


def month_add(month: str, delta: int) -> str:
    year, mon = (int(x) for x in month.split("-"))
    index = year * 12 + (mon - 1) + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def birth_date(age: int, month: str) -> str:
    """A birth date that gives `age` during month M and the six months around it."""
    year, mon = (int(x) for x in month_add(month, -6).split("-"))
    return f"{year - age:04d}-{mon:02d}-01"


def _resource_inputs(resources, month):
    """Dated inputs for each resource: see the module's docstring for the windows."""
    year = int(month[:4])
    first_of_n1 = f"{year - 1}-01"
    out = {}
    # Every kind is set, 0 when not received: an input left empty is computed by OpenFisca from the gross
    # amount and the income tax of years back (thousands of cells for nothing).
    for kind in RESOURCES:
        last3, last12 = resources.get(kind, (0, 0))
        net_var, taxable_var = RESOURCES[kind]
        last3, last12 = max(float(last3 or 0), 0.0), max(float(last12 or 0), 0.0)
        last12 = max(last12, last3)
        values = {}
        recent = round(last3 / 3, 2)
        for delta in range(-3, 1):  # M-3..M
            values[month_add(month, delta)] = recent
        older_months = []
        m = month_add(month, -4)
        while m >= first_of_n1 or len(older_months) < 9:
            older_months.append(m)
            m = month_add(m, -1)
        older = round((last12 - last3) / 9, 2)
        for m in older_months:
            values[m] = older
        values[str(year - 2)] = round(last12, 2)
        values[str(year - 3)] = round(last12, 2)  # the AAH's yearly evaluation of December reads N-3
        out[net_var] = dict(values)
        if kind in GROSS:
            out[GROSS[kind]] = dict(values)
        if taxable_var:
            ratio = TAXABLE_SALARY if kind == "salaire" else 1.0
            out[taxable_var] = {period: round(value * ratio, 2) for period, value in values.items()}
    return out


def _months(month, back):
    return [month_add(month, -d) for d in range(back, -1, -1)]


def person_inputs(person: Person, month: str) -> dict:
    inputs = {"date_naissance": {"ETERNITY": birth_date(person.age, month)}}
    activite = _ACTIVITE.get(person.activity, "inactif")
    inputs["activite"] = dict.fromkeys(_months(month, 12), activite)
    if person.disability:
        inputs["handicap"] = dict.fromkeys(_months(month, 12), True)
        inputs["taux_incapacite"] = dict.fromkeys(_months(month, 12), person.disability / 100)
        if person.disability < 80:
            inputs["aah_restriction_substantielle_durable_acces_emploi"] = dict.fromkeys(_months(month, 12), True)
    if person.worked_two_years:
        inputs["rsa_jeune_condition_heures_travail_remplie"] = {str(int(month[:4]) - y): True for y in (0, 1, 2)}
    inputs.update(_resource_inputs(person.resources, month))
    return inputs


def add_household(situation: dict, household: Household, month: str, key: str) -> None:
    """Add one household's entities to `situation`, ids prefixed by `key`."""
    ind = situation.setdefault("individus", {})
    ids = {}
    for n, person in enumerate(household.people):
        pid = f"{key}_p{n}"
        ids[pid] = person
        ind[pid] = person_inputs(person, month)
    adults = [pid for pid, p in ids.items() if p.role in ("demandeur", "conjoint")]
    children = [pid for pid, p in ids.items() if p.role == "enfant"]
    others = [pid for pid, p in ids.items() if p.role == "autre"]
    if not adults:
        raise ValueError("un foyer compte au moins une personne qui demande")
    couple = len(adults) == 2
    if couple:
        statut = "marie" if household.married else "celibataire"
        for pid in adults:
            ind[pid]["statut_marital"] = dict.fromkeys(_months(month, 12), statut)
    situation.setdefault("familles", {})[f"{key}_f"] = {"parents": adults, "enfants": children}
    for pid in others:  # another adult living there (a grown-up child, a parent): a family of their own
        situation["familles"][f"{pid}_f"] = {"parents": [pid]}
    foyers = situation.setdefault("foyers_fiscaux", {})
    if couple and not household.married:
        foyers[f"{key}_ff"] = {"declarants": [adults[0]], "personnes_a_charge": children}
        foyers[f"{key}_ff2"] = {"declarants": [adults[1]]}
    else:
        foyers[f"{key}_ff"] = {"declarants": adults, "personnes_a_charge": children}
    for pid in others:
        foyers[f"{pid}_ff"] = {"declarants": [pid]}
    menage = {
        "personne_de_reference": [adults[0]],
        "enfants": children,
        "depcom": {month: household.depcom or DEFAULT_DEPCOM},
        # From January: the chèque énergie of the year reads the housing of its first month (set for the
        # month only, it read « non renseigné » and gave 0 from February on). We ask only today's housing.
        "statut_occupation_logement": dict.fromkeys(
            [month_add(f"{month[:4]}-01", d) for d in range(int(month[5:7]))], _STATUT_OCCUPATION[household.housing]
        ),
    }
    if couple:
        menage["conjoint"] = [adults[1]]
    if others:
        menage["autres"] = others
    if household.housing in ("locataire", "locataire_hlm", "locataire_meuble", "accedant"):
        menage["loyer"] = {month: round(float(household.rent or 0), 2)}
    if household.colocation:
        menage["coloc"] = {month: True}
    situation.setdefault("menages", {})[f"{key}_m"] = menage


def build(households: list[Household], month: str) -> dict:
    situation: dict = {}
    for index, household in enumerate(households):
        add_household(situation, household, month, f"h{index}")
    return situation
