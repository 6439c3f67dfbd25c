import pytest
from django.core.management import call_command

from solidarite.gardens import offers
from solidarite.gardens.models import Application, Garden, Orchard, Plot
from solidarite.gardens.roles import is_manager

pytestmark = pytest.mark.django_db


def test_the_demo_loads_twice_and_a_plot_freed_goes_to_the_first_in_turn(settings, capsys):
    settings.DEBUG = True
    call_command("demo")
    call_command("demo")
    assert "jardins@solidarite.test" in capsys.readouterr().out
    assert Garden.objects.count() == 2 and Orchard.objects.get().trees.count() == 5
    town = Garden.objects.order_by("pk").first()
    assert town.association is None
    allotments = Garden.objects.get(slug="jardins-familiaux-de-la-jaguere")
    from solidarite.accounts.models import User

    manager = User.objects.get(email="jardins@solidarite.test")
    assert is_manager(allotments, manager) and not is_manager(town, manager)
    staff = User.objects.get(email="agent@solidarite.test")
    first = offers.queue(town.plots.first()).first()
    offer = offers.free_plot(by=staff, plot=town.plots.first())
    assert offer.application == first
    assert Application.objects.filter(garden=town, status="waiting").count() == 2
    assert Plot.objects.filter(garden=allotments, status="allocated").count() == 8
