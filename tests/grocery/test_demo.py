import pytest
from django.core.management import call_command

from solidarite.grocery import services
from solidarite.grocery.demo import HOUSEHOLDS
from solidarite.grocery.models import Grocery, Household, Orientation

pytestmark = pytest.mark.django_db


def test_the_demo_loads_twice_and_its_printed_codes_open_a_right(settings, capsys):
    settings.DEBUG = True
    call_command("demo")
    call_command("demo")
    out = capsys.readouterr().out
    grocery = Grocery.objects.get()
    assert Household.objects.count() == len(HOUSEHOLDS)
    assert Orientation.objects.filter(status="active").count() == len(HOUSEHOLDS)
    for code, _size, allowance in HOUSEHOLDS:
        assert code in out
        card = services.card(services.find_household(code, who="demo", grocery=grocery))
        assert card.valid and card.left == allowance
    assert "caisse@solidarite.test" in out and "prescriptrice@solidarite.test" in out
