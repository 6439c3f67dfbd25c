"""A freed plot goes to the next applicant in turn, with a deadline; accepted, declined or let pass."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from solidarite.gardens import offers, waiting
from solidarite.gardens.models import Allocation, Application, Offer, Plot
from solidarite.notifications.models import Notification
from tests.directory.factories import AssociationFactory, make_manager
from tests.factories import UserFactory
from tests.gardens.factories import allocated_plot, applicant, make_garden, staff

pytestmark = pytest.mark.django_db


def test_freeing_a_plot_offers_it_to_the_first_in_turn_who_is_told(clock):
    garden = make_garden()
    plot = allocated_plot(garden)
    first, _a = applicant(garden)
    clock.shift(60)
    applicant(garden)

    offer = offers.free_plot(by=staff(), plot=plot)

    assert offer.application.person == first
    assert Plot.objects.get(pk=plot.pk).status == "offered"
    assert Application.objects.get(person=first).status == "offered"
    notice = Notification.objects.get(user=first, kind="gardens.plot_offered")
    assert "Jardin des Chênes" in notice.title
    # The end of the day, 7 days on (Paris).
    assert offer.deadline.astimezone(dt.UTC) > offer.created_at + dt.timedelta(days=6)


def test_priority_quartiers_pass_before_seniority(clock):
    garden = make_garden(priority=["ragon"])
    plot = allocated_plot(garden)
    applicant(garden, quartier_slug="chateau")
    clock.shift(60)
    near, _a = applicant(garden, quartier_slug="ragon")

    assert offers.free_plot(by=staff(), plot=plot).application.person == near


def test_an_accessible_plot_goes_first_to_who_needs_one(clock):
    garden = make_garden()
    plot = allocated_plot(garden, kind=Plot.Kind.ACCESSIBLE)
    applicant(garden)
    clock.shift(60)
    needs, _a = applicant(garden, wants_accessible=True)

    assert offers.free_plot(by=staff(), plot=plot).application.person == needs


def test_accepting_allocates_the_season_with_the_garden_fee_and_tells_the_managers():
    association = AssociationFactory()
    manager = make_manager(association)
    garden = make_garden(association=association)
    plot = allocated_plot(garden)
    person, _a = applicant(garden, quartier_slug="ragon")
    offer = offers.free_plot(by=manager, plot=plot)

    allocation = offers.accept(by=person, offer=offer)

    assert allocation.person == person and allocation.fee == 2500 and allocation.quartier.slug == "ragon"
    assert Plot.objects.get(pk=plot.pk).status == "allocated"
    assert Application.objects.get(person=person).status == "allocated"
    assert Notification.objects.filter(user=manager, kind="gardens.plot_taken").count() == 1


def test_only_the_applicant_answers_an_offer():
    garden = make_garden()
    plot = allocated_plot(garden)
    applicant(garden)
    offer = offers.free_plot(by=staff(), plot=plot)
    with pytest.raises(PermissionDenied):
        offers.accept(by=UserFactory(), offer=offer)


def test_only_a_manager_frees_a_plot():
    association = AssociationFactory()
    garden = make_garden(association=association)
    plot = allocated_plot(garden)
    with pytest.raises(PermissionDenied):
        offers.free_plot(by=UserFactory(), plot=plot)
    # City staff manage the town's gardens, not an association's.
    with pytest.raises(PermissionDenied):
        offers.free_plot(by=staff(), plot=plot)
    assert Plot.objects.get(pk=plot.pk).status == "allocated"


def test_declining_goes_to_the_end_of_the_list_and_the_plot_moves_on(clock):
    garden = make_garden()
    plot = allocated_plot(garden)
    first, _a = applicant(garden)
    clock.shift(60)
    second, _b = applicant(garden)
    offer = offers.free_plot(by=staff(), plot=plot)

    following = offers.decline(by=first, offer=offer)

    assert following.application.person == second
    back = Application.objects.get(person=first)
    assert back.status == "waiting" and back.queued_at > Application.objects.get(person=second).queued_at


def test_a_plot_is_never_offered_again_to_who_declined_it():
    garden = make_garden()
    plot = allocated_plot(garden)
    alone, _a = applicant(garden)
    offer = offers.free_plot(by=staff(), plot=plot)

    assert offers.decline(by=alone, offer=offer) is None
    assert Plot.objects.get(pk=plot.pk).status == "free"


def test_the_deadline_passes_the_command_moves_on_and_tells_the_applicant_live(
    clock, django_capture_on_commit_callbacks
):
    garden = make_garden(offer_days=2)
    plot = allocated_plot(garden)
    late, _a = applicant(garden)
    clock.shift(60)
    next_one, _b = applicant(garden)
    offer = offers.free_plot(by=staff(), plot=plot)

    clock.move_to(offer.deadline + dt.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="délai pour accepter cette parcelle est passé"):
        offers.accept(by=late, offer=offer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        call_command("expire_garden_offers")

    assert Offer.objects.get(pk=offer.pk).status == "expired"
    assert Notification.objects.filter(user=late, kind="gardens.offer_expired").count() == 1
    assert Offer.objects.get(status="proposed").application.person == next_one
    assert callbacks, "the notices are pushed after commit"
    assert Application.objects.get(person=late).status == "waiting"


def test_the_offer_is_still_open_until_its_deadline(clock):
    garden = make_garden(offer_days=1)
    plot = allocated_plot(garden)
    person, _a = applicant(garden)
    offer = offers.free_plot(by=staff(), plot=plot)
    clock.move_to(offer.deadline - dt.timedelta(minutes=5))
    offers.expire_due()
    assert offers.accept(by=person, offer=offer).plot == plot


def test_joining_a_list_with_a_free_plot_gets_it_offered_at_once():
    garden = make_garden(plots=1)
    person, application = applicant(garden)
    assert application.status == "offered"
    assert Offer.objects.get().application.person == person


def test_consent_is_required_and_one_place_per_garden():
    garden = make_garden()
    person = UserFactory()
    with pytest.raises(ValidationError) as error:
        waiting.apply(by=person, garden=garden, consent=False)
    assert "consent" in error.value.message_dict
    waiting.apply(by=person, garden=garden, consent=True)
    with pytest.raises(ValidationError, match="déjà sur la liste"):
        waiting.apply(by=person, garden=garden, consent=True)
    assert Application.objects.count() == 1


def test_withdrawing_with_a_live_offer_passes_the_plot_on(clock):
    garden = make_garden()
    plot = allocated_plot(garden)
    first, first_application = applicant(garden)
    clock.shift(60)
    second, _b = applicant(garden)
    offers.free_plot(by=staff(), plot=plot)

    waiting.withdraw(by=first, application=first_application)

    assert Application.objects.get(person=first).status == "withdrawn"
    assert Offer.objects.get(status="proposed").application.person == second


def test_closing_and_reopening_a_plot():
    garden = make_garden(plots=1)
    plot = garden.plots.get()
    manager = staff()
    offers.take_plot_step(by=manager, plot=plot, step="close")
    assert Plot.objects.get(pk=plot.pk).status == "closed"
    person, _a = applicant(garden)
    assert Application.objects.get(person=person).status == "waiting"
    offer = offers.take_plot_step(by=manager, plot=plot, step="reopen")
    assert offer.application.person == person


def test_the_agreement_date_and_fee_are_recorded():
    garden = make_garden()
    plot = allocated_plot(garden)
    person, _a = applicant(garden)
    manager = staff()
    allocation = offers.accept(by=person, offer=offers.free_plot(by=manager, plot=plot))
    # The day of the allocation in Rezé: at 00:05 on a Monday, UTC is still on Sunday.
    allocated_on = timezone.localdate(allocation.created_at)
    with pytest.raises(ValidationError):
        offers.record_agreement(
            by=manager, allocation=allocation, signed_on=allocated_on + dt.timedelta(days=400), fee=100
        )
    offers.record_agreement(by=manager, allocation=allocation, signed_on=allocated_on, fee=3000)
    allocation.refresh_from_db()
    assert allocation.fee == 3000 and allocation.agreement_signed_on == allocated_on
    assert Allocation.objects.filter(ended_at__isnull=True).count() == 1
