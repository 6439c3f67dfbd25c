"""RGPD: applications, offers, allocations and follows are exported; erasure ends what was running;
retention deletes closed applications after 12 months and anonymises allocations after 24."""

import datetime as dt

import pytest
from django.core.management import call_command

from solidarite.accounts import personal_data
from solidarite.accounts import services as account_services
from solidarite.gardens import offers, orchards, waiting
from solidarite.gardens.models import Allocation, Application, Follow, Offer, Plot
from tests.gardens.factories import allocated_plot, applicant, make_garden, make_orchard, staff

pytestmark = pytest.mark.django_db


def test_export_then_erase_passes_the_offered_plot_on(clock):
    garden = make_garden()
    plot = allocated_plot(garden)
    person, _a = applicant(garden, quartier_slug="ragon")
    clock.shift(60)
    other, _b = applicant(garden)
    offers.free_plot(by=staff(), plot=plot)
    orchards.follow(by=person, orchard=make_orchard())

    exported = personal_data.export_personal_data(person)["jardins_partages"]
    assert exported["listes_d_attente"][0]["quartier"] == "Ragon"
    assert exported["listes_d_attente"][0]["propositions"][0]["etat"] == "proposed"
    assert exported["vergers_suivis"] == ["Verger de la Houssais"]

    account_services.erase_account(user=person)

    assert not Application.objects.filter(person=person).exists()
    assert not Follow.objects.exists()
    assert Offer.objects.get(status="proposed").application.person == other


def test_erasing_a_gardener_frees_their_plot_for_the_next_and_keeps_the_figures(clock):
    garden = make_garden()
    plot = allocated_plot(garden)
    gardener, _a = applicant(garden)
    offers.accept(by=gardener, offer=offers.free_plot(by=staff(), plot=plot))
    clock.shift(60)
    next_one, _b = applicant(garden)

    account_services.erase_account(user=gardener)

    allocation = Allocation.objects.get()
    assert allocation.person is None and allocation.ended_at is not None and allocation.waited_days == 0
    assert Offer.objects.get(status="proposed").application.person == next_one
    assert Plot.objects.get(pk=plot.pk).status == "offered"


def test_retention_deletes_closed_applications_after_a_year_and_anonymises_old_allocations(clock):
    garden = make_garden()
    plot = allocated_plot(garden)
    gardener, _a = applicant(garden)
    offers.accept(by=gardener, offer=offers.free_plot(by=staff(), plot=plot))
    leaver, leaving = applicant(garden)
    waiting.withdraw(by=leaver, application=leaving)
    still, _c = applicant(garden)
    offers.free_plot(by=staff(), plot=plot)  # the season ends: the allocation ends today

    clock.shift(dt.timedelta(days=367))
    call_command("purge_gardens")
    assert list(Application.objects.values_list("person", flat=True)) == [still.pk]
    assert Allocation.objects.get().person == gardener

    clock.shift(dt.timedelta(days=366))
    call_command("purge_gardens")
    assert Allocation.objects.get().person is None
