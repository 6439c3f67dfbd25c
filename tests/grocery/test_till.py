"""The till: the code gives the right's end and the allowance left, and a visit never overspends it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from solidarite.grocery import services
from solidarite.grocery.models import MonthlySpend, Visit
from tests.factories import UserFactory
from tests.grocery.factories import make_grocery, make_prescriber, orient

pytestmark = pytest.mark.django_db


@pytest.fixture
def till():
    volunteer = UserFactory()
    return make_grocery(volunteers=[volunteer]), volunteer


def test_a_visit_lowers_the_allowance_left_this_month(till):
    grocery, volunteer = till
    orientation, code = orient(grocery, allowance=5000)
    household = services.find_household(code, who="till", grocery=grocery)
    services.record_visit(by=volunteer, grocery=grocery, household=household, amount=1250)
    card = services.card(household)
    assert card.valid_until == orientation.ends_on
    assert card.left == 3750
    assert services.amount_text(grocery, card.left) == "37,50\u00a0€"


def test_an_amount_over_what_is_left_is_refused_and_changes_nothing(till):
    grocery, volunteer = till
    orientation, _code = orient(grocery, allowance=2000)
    services.record_visit(by=volunteer, grocery=grocery, household=orientation.household, amount=1500)
    with pytest.raises(ValidationError, match="dépasse ce qui reste ce mois-ci : 5,00"):
        services.record_visit(by=volunteer, grocery=grocery, household=orientation.household, amount=501)
    assert Visit.objects.count() == 1
    assert MonthlySpend.objects.get().spent == 1500


def test_the_database_refuses_a_spend_over_the_allowance():
    from django.db import IntegrityError, transaction

    orientation, _code = orient(make_grocery(), allowance=1000)
    spend = MonthlySpend.objects.create(household=orientation.household, month=dt.date(2026, 11, 1), allowance=1000)
    with pytest.raises(IntegrityError), transaction.atomic():
        MonthlySpend.objects.filter(pk=spend.pk).update(spent=1001)


def test_only_the_epicerie_s_volunteers_and_managers_hold_its_till(till):
    grocery, _volunteer = till
    orientation, _code = orient(grocery)
    for outsider in (UserFactory(), make_prescriber(), UserFactory(staff=True)):
        with pytest.raises(PermissionDenied):
            services.record_visit(by=outsider, grocery=grocery, household=orientation.household, amount=100)
    manager = UserFactory()
    grocery.managers.add(manager)
    services.record_visit(by=manager, grocery=grocery, household=orientation.household, amount=100)
    assert Visit.objects.count() == 1


def test_a_code_of_another_epicerie_is_unknown_at_this_till(till):
    grocery, volunteer = till
    other = make_grocery(slug="autre", name="Autre épicerie")
    _orientation, code = orient(other)
    with pytest.raises(ValidationError, match="pas reconnu"):
        services.find_household(code, who="till", grocery=grocery)


def test_no_visit_without_a_right_today(till):
    grocery, volunteer = till
    orientation, _code = orient(grocery)
    services.end(by=make_prescriber(), orientation=orientation)
    assert not services.card(orientation.household).valid
    with pytest.raises(ValidationError, match="pas de droit en cours"):
        services.record_visit(by=volunteer, grocery=grocery, household=orientation.household, amount=100)


def test_managers_grant_the_till_role_and_no_one_else(till):
    grocery, volunteer = till
    manager, newcomer = UserFactory(), UserFactory()
    grocery.managers.add(manager)
    with pytest.raises(PermissionDenied):
        services.grant_volunteer(by=volunteer, grocery=grocery, user=newcomer)
    services.grant_volunteer(by=manager, grocery=grocery, user=newcomer)
    assert grocery.is_till(newcomer)
    services.revoke_volunteer(by=manager, grocery=grocery, user=newcomer)
    assert not grocery.is_till(newcomer)


@pytest.mark.parametrize("typed, expected", [("12,50", 1250), ("12.5", 1250), ("3 €", 300), ("0,01", 1)])
def test_amounts_are_read_as_typed(typed, expected):
    assert services.parse_amount(make_grocery(), typed) == expected


@pytest.mark.parametrize("typed", ["", "abc", "-3", "1,234", "NaN", "Infinity", "99999999"])
def test_bad_amounts_are_a_french_error(typed):
    with pytest.raises(ValidationError):
        services.parse_amount(make_grocery(), typed)
