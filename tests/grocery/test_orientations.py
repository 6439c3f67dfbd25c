"""A prescriber orients a household: a decision and its dates, nothing else; renew, end, expire."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from solidarite.grocery import services
from solidarite.grocery.models import Household, Orientation, Prescriber
from solidarite.grocery.orientation_workflow import ORIENTATION
from tests.factories import UserFactory
from tests.grocery.factories import make_grocery, make_prescriber, orient

pytestmark = pytest.mark.django_db


def test_only_city_staff_grant_the_prescriber_role():
    person = UserFactory()
    with pytest.raises(PermissionDenied):
        services.grant_prescriber(by=UserFactory(), user=person, kind="ccas", organisation="CCAS de Rezé")
    services.grant_prescriber(by=UserFactory(staff=True), user=person, kind="departement", organisation="CMS Rezé")
    assert Prescriber.objects.get(user=person).organisation == "CMS Rezé"


def test_a_neighbour_cannot_orient_a_household():
    with pytest.raises(PermissionDenied):
        orient(make_grocery(), by=UserFactory())
    assert not Household.objects.exists()


def test_an_orientation_holds_the_decision_only_and_gives_a_code_once():
    grocery = make_grocery()
    orientation, code = orient(grocery, allowance=6000, size_band="3-4")
    household = orientation.household
    assert household.size_band == "3-4" and orientation.allowance == 6000
    assert orientation.status == "active"
    assert code.replace("-", "") not in household.code_hash
    assert household.code_hint == code[-3:]
    assert services.find_household(code, who="test") == household
    assert [(row.name, row.to_state) for row in orientation.log.all()] == [("orient", "active")]
    # Nothing about the situation can be stored: no such field.
    fields = {f.name for f in Household._meta.get_fields()} | {f.name for f in Orientation._meta.get_fields()}
    assert not fields & {"income", "reason", "documents", "name", "revenu", "motif"}


@pytest.mark.parametrize(
    "days, allowance, message",
    [(-1, 5000, "doit suivre"), (400, 5000, "un an au plus"), (30, 0, "montant mensuel")],
)
def test_a_bad_decision_is_refused_in_french_and_saves_nothing(days, allowance, message):
    with pytest.raises(ValidationError, match=message):
        orient(make_grocery(), days=days, allowance=allowance)
    assert not Household.objects.exists()


def test_renewing_keeps_the_code_and_logs_the_step():
    grocery = make_grocery()
    prescriber = make_prescriber()
    orientation, code = orient(grocery, by=prescriber, days=10)
    renewed = services.renew(
        by=prescriber, orientation=orientation, ends_on=orientation.ends_on + dt.timedelta(days=90)
    )
    orientation.refresh_from_db()
    assert orientation.status == "renewed"
    assert renewed.starts_on == orientation.ends_on + dt.timedelta(days=1)
    assert renewed.household == orientation.household
    assert [row.name for row in orientation.log.all()] == ["orient", "renew"]
    assert services.find_household(code, who="test") == renewed.household


def test_another_structure_cannot_renew_or_end_and_sees_no_step():
    grocery = make_grocery()
    orientation, _code = orient(grocery, by=make_prescriber("CCAS de Rezé"))
    other = make_prescriber("Secours populaire")
    assert ORIENTATION.available(orientation, other) == []
    with pytest.raises(PermissionDenied):
        services.end(by=other, orientation=orientation)
    orientation.refresh_from_db()
    assert orientation.status == "active"


def test_a_manager_may_end_an_orientation_but_not_renew_it():
    manager = UserFactory()
    grocery = make_grocery(managers=[manager])
    orientation, _code = orient(grocery)
    assert [step.name for step in ORIENTATION.available(orientation, manager)] == ["end"]
    with pytest.raises(ValidationError, match="dans la liste"):
        services.end(by=manager, orientation=orientation, reason="Hospitalisé")  # free text: refused
    orientation.refresh_from_db()
    assert orientation.status == "active"
    services.end(by=manager, orientation=orientation, reason="demande-du-foyer")
    orientation.refresh_from_db()
    assert orientation.status == "ended"
    assert orientation.log.get(name="end").reason == "demande-du-foyer"
    with pytest.raises(ValidationError):
        services.end(by=manager, orientation=orientation)


def test_a_right_past_its_end_expires_and_can_be_renewed_from_today():
    grocery = make_grocery()
    prescriber = make_prescriber()
    orientation, code = orient(grocery, by=prescriber, days=5)
    later = orientation.ends_on + dt.timedelta(days=1)
    assert services.expire_due(on=later) == 1
    orientation.refresh_from_db()
    assert orientation.status == "expired"
    assert orientation.log.last().by is None
    renewed = services.renew(
        by=prescriber, orientation=orientation, ends_on=timezone.localdate() + dt.timedelta(days=60)
    )
    assert renewed.starts_on == timezone.localdate()
    assert services.card(renewed.household).valid


def test_a_revoked_prescriber_can_no_longer_orient():
    prescriber = make_prescriber()
    services.revoke_prescriber(by=UserFactory(staff=True), prescriber=prescriber.grocery_prescriber)
    with pytest.raises(PermissionDenied):
        orient(make_grocery(), by=prescriber)


def test_wrong_codes_are_rate_limited_even_before_a_right_one():
    orientation, code = orient(make_grocery())
    for _ in range(services.LOOKUP_MISSES):
        with pytest.raises(ValidationError, match="pas reconnu"):
            services.find_household("AAAAA-AAAAA", who="203.0.113.9")
    with pytest.raises(ValidationError, match="Trop de codes"):
        services.find_household(code, who="203.0.113.9")
    assert services.find_household(code, who="198.51.100.7") == orientation.household
