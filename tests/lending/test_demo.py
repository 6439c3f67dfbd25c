import pytest
from django.core.management import call_command

from solidarite.accounts.models import User
from solidarite.dashboard.lending_figures import lending_by_month
from solidarite.dashboard.tables import Period
from solidarite.lending.models import Item, Lender, Loan
from solidarite.lending.workflow import manages

pytestmark = pytest.mark.django_db


def test_the_demo_loads_twice_with_energy_kits_of_an_association_and_the_town(settings):
    settings.DEBUG = True
    call_command("demo")
    call_command("demo")
    assert Lender.objects.count() == 2
    assert Item.objects.kits().count() == 4
    assert all(kit.guide for kit in Item.objects.kits())
    assert Loan.objects.count() == 1
    repair = Lender.objects.get(kind="association")
    assert manages(User.objects.get(email="responsable-asso@solidarite.test"), repair)
    assert not manages(User.objects.get(email="voisin@solidarite.test"), repair)
    rows = lending_by_month(Period.last_months(12)).rows
    assert sum(row[1] for row in rows) == 1
