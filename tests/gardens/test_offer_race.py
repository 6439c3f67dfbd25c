"""Races on real, separate connections: a freed plot goes to exactly one applicant, and an offer past its
deadline cannot be accepted while the expiry command runs."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from solidarite.gardens import offers
from solidarite.gardens.models import Allocation, Application, Offer, Plot
from tests import concurrency
from tests.factories import UserFactory
from tests.gardens.factories import allocated_plot, applicant, make_garden

MANAGERS = 6


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_managers_freeing_one_plot_at_once_offer_it_to_exactly_one_applicant(clock):
    managers = [UserFactory(staff=True) for _ in range(MANAGERS)]
    garden = make_garden()
    plot = allocated_plot(garden)
    for _ in range(3):
        applicant(garden)
        clock.shift(60)

    outcomes = concurrency.described(
        concurrency.race([lambda m=m: offers.free_plot(by=m, plot=plot) for m in managers]),
        refusal=ValidationError,
        ok="ok",
    )

    assert outcomes.count("ok") == 1, outcomes
    assert all("Ce n'est plus possible" in o for o in outcomes if o != "ok"), outcomes
    assert Offer.objects.filter(status="proposed").count() == 1
    assert Application.objects.filter(status="offered").count() == 1
    assert Plot.objects.get(pk=plot.pk).status == "offered"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_plots_freed_at_once_go_to_two_different_applicants(clock):
    garden = make_garden()
    plots = [allocated_plot(garden, number=f"B{i}") for i in range(4)]
    for _ in range(4):
        applicant(garden)
        clock.shift(60)
    managers = [UserFactory(staff=True) for _ in plots]

    outcomes = concurrency.race(
        [lambda p=p, m=m: offers.free_plot(by=m, plot=p) for p, m in zip(plots, managers, strict=True)]
    )

    assert all(isinstance(o, Offer) for o in outcomes), outcomes
    live = Offer.objects.filter(status="proposed")
    assert live.count() == 4
    assert len({o.application_id for o in live}) == 4


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_expired_offer_cannot_be_accepted_while_the_command_passes_it_on(clock):
    garden = make_garden(offer_days=1)
    plot = allocated_plot(garden)
    late, _a = applicant(garden)
    clock.shift(60)
    applicant(garden)
    offer = offers.free_plot(by=UserFactory(staff=True), plot=plot)
    clock.move_to(offer.deadline + dt.timedelta(seconds=30))

    outcomes = concurrency.race([lambda: offers.accept(by=late, offer=offer), lambda: offers.expire_due()])

    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1 and "délai pour accepter" in refused[0].messages[0], outcomes
    assert 1 in outcomes, outcomes  # the command expired it
    assert Offer.objects.get(pk=offer.pk).status == "expired"
    assert not Allocation.objects.exists()
    assert Offer.objects.get(status="proposed").application.person != late


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_accept_and_decline_at_once_one_wins(clock):
    garden = make_garden()
    plot = allocated_plot(garden)
    person, _a = applicant(garden)
    offer = offers.free_plot(by=UserFactory(staff=True), plot=plot)

    outcomes = concurrency.race(
        [lambda: offers.accept(by=person, offer=offer), lambda: offers.decline(by=person, offer=offer)]
    )

    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1, outcomes
    status = Offer.objects.get(pk=offer.pk).status
    assert status in ("accepted", "declined")
    assert Allocation.objects.exists() == (status == "accepted")
