"""Reference households: our questionnaire → OpenFisca mapping against openfisca-france's OWN YAML tests.

Each case restates one YAML test of openfisca-france (path and test name given) as the answers a
person would give, and expects the amounts written in that YAML file, never our own output. The
simulation runs the production path (engine.compute, with its shortcuts), all households of one month
in one vectorised simulation: the tax-benefit system is loaded once for the session (a few seconds).

Conversions of the YAML inputs into answers, stated once:
- a yearly salary set on years N-2..N becomes "last 3 months = a quarter of it, last 12 months = it";
- a gross salary (salaire_de_base, the leximpact tests) becomes the net that openfisca-france's own
  contributions give for it (1,766.92 € gross → 1,398.68 € net in 2024), since the questionnaire asks
  for the net received;
- a birth date becomes the age during the month computed;
- a taxable salary (salaire_imposable, revenu_assimile_salaire) becomes net = taxable / 1.036 (the
  mapping's own ratio, situation.TAXABLE_SALARY);
- a gross pension (retraite_brute) is said as received: pensions this low pay no CSG, CRDS nor CASA.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from solidarite.estimate import engine
from solidarite.estimate.situation import Household, Person

LEX = "tests/leximpact/2024/"
SMIC_NET_2024 = 1398.68  # 1,766.92 € gross
NET_2297 = 1818.30  # 2,297 € gross (1.3 SMIC)
NET_2827 = 2237.91  # 2,827.08 € gross (1.6 SMIC)
TAXABLE = 1.036  # net taxable salary over net received (situation.TAXABLE_SALARY)

CASES = [
    # (YAML source, month, household, {our aid code: expected amount})
    *[
        (
            f"tests/formulas/rsa/rsa_celibataire.yaml: RSA célibataire, salaire_net = {salary}",
            "2014-01",
            Household(
                [
                    Person(
                        "demandeur", 29, "salarie" if salary else "inactif", resources={"salaire": (salary / 4, salary)}
                    )
                ],
                housing="proprietaire",
            ),
            {"rsa": rsa, "aides_logement": 0},
        )
        for salary, rsa in ((0, 439.39), (5000, 281.06), (10000, 122.73), (12000, 59.39))
    ],
    *[
        (
            f"tests/formulas/rsa/rsa_couple.yaml: RSA couple, salaire_net = [{salary}, 0]",
            "2014-01",
            Household(
                [
                    Person(
                        "demandeur", 29, "salarie" if salary else "inactif", resources={"salaire": (salary / 4, salary)}
                    ),
                    Person("conjoint", 29),
                ],
                housing="proprietaire",
                married=True,  # one foyer fiscal with both declarants, as in the YAML
            ),
            {"rsa": rsa},
        )
        for salary, rsa in ((0, 629.13), (10000, 312.46), (15000, 154.13), (18000, 59.13))
    ],
    (
        "tests/formulas/ppa/ppa.yaml: PPA personne seule, pas de bonification",
        "2016-01",
        Household([Person("demandeur", 40, "salarie", resources={"salaire": (1500, 1500)})], housing="autre"),
        {"rsa": 524.16 - 500, "prime_activite": 524.16 - 0.38 * 500 - (524.16 - 500)},
    ),
    (
        "tests/formulas/ppa/ppa.yaml: PPA personne en couple, pas de bonification",
        "2016-01",
        Household(
            [
                Person("demandeur", 40),
                Person("conjoint", 40, "salarie", resources={"salaire": (1500, 1500)}),
            ],
            housing="autre",
        ),
        {"rsa": 786.24 - 500, "prime_activite": 786.24 - 0.38 * 500 - (786.24 - 500)},
    ),
    (
        "tests/formulas/ppa/ppa.yaml: PPA en couple avec 1 enfant, pas de bonification",
        "2016-01",
        Household(
            [
                Person("demandeur", 40, "salarie", resources={"salaire": (1500, 1500)}),
                Person("conjoint", 40),
                Person("enfant", 10),
            ],
            housing="autre",
        ),
        {"rsa": 943.49 - 500, "prime_activite": 943.49 - 0.38 * 500 - (943.49 - 500)},
    ),
    (
        LEX + "rsa_01_seuil_rsa_inactif_d1.yml (parent isolé inactif, 1 enfant, HLM 400 €)",
        "2024-12",
        Household([Person("demandeur", 27), Person("enfant", 11)], housing="locataire_hlm", rent=400, depcom="66136"),
        {"rsa": 696.05, "aides_logement": 357.91, "ars": 441.58},
    ),
    (
        LEX + "rsa_02_seuil_rsa_chomeur.yml (parent isolé au chômage, 265 € par mois)",
        "2024-12",
        Household(
            [Person("demandeur", 27, "chomeur", resources={"chomage": (795, 3180)}), Person("enfant", 11)],
            housing="locataire_hlm",
            rent=400,
            depcom="66136",
        ),
        {"rsa": 431.05, "aides_logement": 357.91, "ars": 441.58},
    ),
    (
        LEX + "rsa_04_rsa_jeune.yml (22 ans, hébergé gratuitement)",
        "2024-12",
        Household([Person("demandeur", 22, worked_two_years=True)], housing="heberge", depcom="59036"),
        {"rsa": 559.42, "aides_logement": 0},
    ),
    (
        LEX + "ass_01_personne_seule_sans_ass.yml (50 ans, chômeur sans indemnité, meublé 700 €)",
        "2024-12",
        Household([Person("demandeur", 50, "chomeur")], housing="locataire_meuble", rent=700, depcom="66136"),
        {"rsa": 559.42, "aides_logement": 301.65},
    ),
    (
        LEX + "01_couple_marie_salaries_secteur_prive_1_smic_chacun_2_enfants_d3.yml (locataire 800 €)",
        "2024-12",
        Household(
            [
                Person("demandeur", 51, "salarie", resources={"salaire": (3 * SMIC_NET_2024, 12 * SMIC_NET_2024)}),
                Person("conjoint", 50, "salarie", resources={"salaire": (3 * SMIC_NET_2024, 12 * SMIC_NET_2024)}),
                Person("enfant", 11),
                Person("enfant", 11),
            ],
            housing="locataire",
            rent=800,
            depcom="42218",
            married=True,
        ),
        {"allocations_familiales": 149.26, "ars": 883.16, "prime_activite": 425.19},
    ),
    (
        LEX + "Z_couple_marie_salaries_secteur_prive_1.3_smic_chacun_2_enfants_d4.yml (propriétaires)",
        "2024-12",
        Household(
            [
                Person("demandeur", 51, "salarie", resources={"salaire": (3 * NET_2297, 12 * NET_2297)}),
                Person("conjoint", 50, "salarie", resources={"salaire": (3 * NET_2297, 12 * NET_2297)}),
                Person("enfant", 11),
                Person("enfant", 11),
            ],
            housing="proprietaire",
            depcom="42218",
            married=True,
        ),
        {"allocations_familiales": 149.26},
    ),
    (
        LEX + "Z_couple_1.6_smic_1_aah_1_enfant.yml (conjointe handicapée à 80 %, locataires 850 €)",
        "2024-12",
        Household(
            [
                Person("demandeur", 51, "salarie", resources={"salaire": (3 * NET_2827, 12 * NET_2827)}),
                Person("conjoint", 50, "inactif", disability=80),
                Person("enfant", 5),
            ],
            housing="locataire",
            rent=850,
            depcom="69123",
            married=True,
        ),
        {"aah": 1016.05},
    ),
    (
        LEX + "aspa_01_retraite_pension_sous_plafond_d1.yml (77 ans, retraite 812,75 €, propriétaire)",
        "2024-12",
        Household(
            [Person("demandeur", 77, "retraite", resources={"retraite": (3 * 812.75, 12 * 812.75)})],
            housing="proprietaire",
            depcom="75107",
        ),
        {"aspa": 199.27},
    ),
    (
        LEX + "aspa_02_couple_retraites_1pension_moyenne_1_sans_pension.yml (77 et 80 ans, mariés)",
        "2024-12",
        Household(
            [
                Person("demandeur", 77, "retraite", resources={"retraite": (3 * 1561.58, 12 * 1561.58)}),
                Person("conjoint", 80, "retraite"),
            ],
            housing="proprietaire",
            depcom="75107",
            married=True,
        ),
        {"aspa": 9.59},
    ),
    (
        "tests/formulas/cf_2018_04.yaml: Cas N°1, complément familial (couple, 3 enfants, 20 000 + 15 000 €)",
        "2018-04",
        Household(
            [
                Person("demandeur", 38, "salarie", resources={"salaire": (20000 / 4 / TAXABLE, 20000 / TAXABLE)}),
                Person("conjoint", 35, "salarie", resources={"salaire": (15000 / 4 / TAXABLE, 15000 / TAXABLE)}),
                Person("enfant", 12),
                Person("enfant", 10),
                Person("enfant", 7),
            ],
            housing="proprietaire",
            married=True,
        ),
        {"complement_familial": 170.71 / (1 - 0.005)},
    ),
    (
        # Two tests of the file put together: « Base de ressource d'une personne seule » (833.33 € a month,
        # base 10,000 €, between the CMU-C ceiling 8,950.96 and the ACS one 12,083.81: the CSS with a
        # participation) and « Montant de cotisation CSS - France » (14 € a month from 30 to 49 years old).
        "tests/formulas/cs/css.yaml: CSS avec participation, personne seule de 46 ans, 833,33 € par mois",
        "2019-11",
        Household(
            [Person("demandeur", 46, "salarie", resources={"salaire": (3 * 833.33, 12 * 833.33)})],
            housing="locataire",
            rent=0,
        ),
        {"css_participation": 14, "css_gratuite": 0},
    ),
    (
        # zone_2 in the YAML: Nantes is in zone 2 of the housing aids.
        "tests/formulas/aides_logement_etudiant.yaml: Cas 3, étudiant de plus de 28 ans non boursier, 1 enfant",
        "2021-02",
        Household(
            [
                Person(
                    "demandeur", 32, "etudiant", resources={"salaire": (3 * 658.33 / TAXABLE, 12 * 658.33 / TAXABLE)}
                ),
                Person("enfant", 5),
            ],
            housing="locataire",
            rent=400,
            depcom="44109",
        ),
        {"aides_logement": 378.55},
    ),
    (
        # The YAML gives the amount for 1 UC and a revenu fiscal de référence (N-2) under 5,600 €: a person
        # alone, no income. June, not January: the chèque reads the housing of the year's first month.
        "tests/formulas/cheque_energie/montant.yaml: 1 UC - RFR < 5600 (personne seule sans revenu, locataire)",
        "2018-06",
        Household([Person("demandeur", 40)], housing="locataire", rent=0),
        {"cheque_energie": 144},
    ),
]


@pytest.fixture(scope="module")
def computed():
    """Every case computed once, one vectorised simulation per month."""
    by_month = defaultdict(list)
    for index, (_, month, household, _) in enumerate(CASES):
        by_month[month].append((index, household))
    results = {}
    for month, items in by_month.items():
        amounts = engine.compute([h for _, h in items], month)
        for (index, _), result in zip(items, amounts, strict=True):
            results[index] = result
    return results


def test_there_are_at_least_fifteen_reference_households():
    assert len(CASES) >= 15


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c[0].split("/")[-1][:70] for c in CASES])
def test_mapping_agrees_with_openfisca_france_tests_within_one_euro(computed, index):
    source, month, _, expected = CASES[index]
    got = computed[index]
    wrong = {code: (amount, round(got[code], 2)) for code, amount in expected.items() if abs(got[code] - amount) > 1}
    assert not wrong, f"{source} ({month}): expected vs ours {wrong}"
