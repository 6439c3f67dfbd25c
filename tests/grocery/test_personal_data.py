"""RGPD: what the épicerie holds about a person is exported and erased; retention keeps only figures."""

import datetime as dt

import pytest
from django.urls import reverse

from solidarite.accounts import personal_data
from solidarite.accounts import services as account_services
from solidarite.grocery import retention, services
from solidarite.grocery.models import Household, Orientation, OrientationLog, Prescriber, SlotBooking, Visit
from tests.factories import UserFactory
from tests.grocery.factories import make_grocery, make_prescriber, orient
from tests.helpers import text

pytestmark = pytest.mark.django_db


def test_a_linked_household_is_exported_then_unlinked_on_erase():
    person = UserFactory()
    orientation, _code = orient(make_grocery(), contact="06 11 22 33 44")
    Household.objects.filter(pk=orientation.household_id).update(account=person)
    exported = personal_data.export_personal_data(person)["epicerie_sociale"]
    assert exported["foyers_lies"][0]["contact"] == "06 11 22 33 44"
    assert exported["foyers_lies"][0]["droits"][0]["fin"] == orientation.ends_on.isoformat()

    account_services.erase_account(user=person)

    household = Household.objects.get()
    assert household.account is None and household.contact == ""
    assert Orientation.objects.get().status == "active"  # the CCAS's decision stays with its code


def test_a_prescriber_and_a_volunteer_leave_their_roles_and_their_records_stay_nameless():
    volunteer = UserFactory()
    grocery = make_grocery(volunteers=[volunteer])
    prescriber = make_prescriber()
    orientation, _code = orient(grocery, by=prescriber)
    services.record_visit(by=volunteer, grocery=grocery, household=orientation.household, amount=100)
    assert personal_data.export_personal_data(prescriber)["epicerie_sociale"]["prescripteur"]["structure"]

    account_services.erase_account(user=prescriber)
    account_services.erase_account(user=volunteer)

    assert not Prescriber.objects.exists()
    assert Orientation.objects.get().prescriber is None
    assert OrientationLog.objects.get().by is None
    assert Visit.objects.get().by is None
    assert not grocery.volunteers.exists()


@pytest.mark.django_db
def test_twelve_months_after_the_last_right_only_figures_remain():
    volunteer = UserFactory()
    grocery = make_grocery(volunteers=[volunteer])
    old, _code = orient(grocery, days=30)
    services.record_visit(by=volunteer, grocery=grocery, household=old.household, amount=700)
    kept, _code = orient(grocery, days=30)
    on = old.ends_on + retention.RETENTION + dt.timedelta(days=1)
    # Kept's right is as old: give it a later end, as a renewal would.
    Orientation.objects.filter(pk=kept.pk).update(ends_on=on)

    done = retention.purge(on=on)

    assert done["households_deleted"] == 1
    assert list(Household.objects.all()) == [kept.household]
    visit = Visit.objects.get()
    assert visit.household is None and visit.amount == 700 and visit.size_band == old.household.size_band
    assert not SlotBooking.objects.filter(household_id=old.household_id).exists()


def test_the_command_runs_nightly_and_says_what_it_did():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("purge_grocery", stdout=out)
    assert out.getvalue().startswith("grocery expired=0 households_deleted=0")


def test_the_privacy_page_describes_the_epicerie(client):
    page = text(client.get(reverse("privacy")))
    assert "L'épicerie sociale" in page
    assert "Ni nom, ni adresse, ni revenus, ni justificatifs, ni motif" in page
    assert "son quartier de Rezé (jamais son adresse" in page and "La caisse ne voit pas le quartier" in page
    assert "Douze mois après la fin de son dernier droit" in page
