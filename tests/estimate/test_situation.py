"""The mapping fills the windows each benefit reads (pure: no OpenFisca needed)."""

from solidarite.estimate.situation import TAXABLE_SALARY, Household, Person, build


def _one(person, month="2026-12", **housing):
    return build([Household([person], **housing)], month)


def test_rsa_and_prime_activite_months_get_the_last_three_months_salary():
    situation = _one(Person("demandeur", 35, "salarie", resources={"salaire": (2200 * 3, 2200 * 12)}))
    salary = situation["individus"]["h0_p0"]["salaire_net"]
    for month in ("2026-09", "2026-10", "2026-11", "2026-12"):
        assert salary[month] == 2200
    assert salary["2025-12"] == 2200  # the rest of the year, spread
    assert salary["2024"] == 2200 * 12  # N-2, read by the family benefits and the chèque énergie
    taxable = situation["individus"]["h0_p0"]["salaire_imposable"]
    assert taxable["2026-11"] == round(2200 * TAXABLE_SALARY, 2)


def test_a_resource_not_received_is_set_to_zero_not_left_to_openfisca():
    situation = _one(Person("demandeur", 35))
    person = situation["individus"]["h0_p0"]
    for var in ("salaire_net", "chomage_net", "retraite_nette", "pensions_alimentaires_percues"):
        assert set(person[var].values()) == {0}


def test_an_unmarried_couple_files_two_tax_returns_and_a_married_one_files_one():
    people = [Person("demandeur", 30), Person("conjoint", 31), Person("enfant", 4)]
    apart = build([Household(people)], "2026-12")["foyers_fiscaux"]
    together = build([Household(people, married=True)], "2026-12")["foyers_fiscaux"]
    assert len(apart) == 2 and len(together) == 1
    assert together["h0_ff"]["personnes_a_charge"] == ["h0_p2"]


def test_households_of_a_batch_keep_their_own_ids():
    situation = build([Household([Person("demandeur", 30)]), Household([Person("demandeur", 70)])], "2026-12")
    assert set(situation["menages"]) == {"h0_m", "h1_m"}
    assert situation["menages"]["h1_m"]["depcom"] == {"2026-12": "44143"}  # Rezé by default
