"""Devices go to households by the town's priority rules, the household is told, and can book a handover."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from solidarite.equipment import allocation, handover, services
from solidarite.equipment.models import Device, EquipmentRequest, Household
from solidarite.notifications.models import Notification
from tests.equipment.factories import ask, handover_place, list_devices, make_refurbisher
from tests.factories import UserFactory

Status = EquipmentRequest.Status
pytestmark = pytest.mark.django_db


def test_a_new_device_goes_to_the_first_request_by_the_rules_and_the_household_is_told(
    django_capture_on_commit_callbacks, clock
):
    job_seeker = ask(public="job_seeker", wanted="any", address="1 rue A")
    clock.shift(dt.timedelta(minutes=5))
    senior = ask(public="senior_alone", wanted="tablet", address="2 rue B")
    clock.shift(dt.timedelta(minutes=5))
    pupil = ask(public="pupil", wanted="computer", address="3 rue C")
    place, refurbisher = handover_place(), make_refurbisher()

    with django_capture_on_commit_callbacks(execute=True):
        list_devices(refurbisher, place, "tablet")

    # The pupil comes first but wants a computer: the tablet goes to the senior living alone.
    for req in (job_seeker, senior, pupil):
        req.refresh_from_db()
    assert (job_seeker.status, senior.status, pupil.status) == (Status.WAITING, Status.OFFERED, Status.WAITING)
    assert senior.device.status == Device.Status.RESERVED
    told = Notification.objects.get(user=senior.requester)
    assert "Un appareil vous attend" in told.title and "Point numérique" in told.body

    with django_capture_on_commit_callbacks(execute=True):
        list_devices(refurbisher, place, "laptop", "laptop", "laptop")
    for req in (job_seeker, pupil):
        req.refresh_from_db()
    assert (job_seeker.status, pupil.status) == (Status.OFFERED, Status.OFFERED)
    assert Device.objects.filter(status=Device.Status.LISTED).count() == 1


def test_the_household_books_a_slot_in_the_places_hours_and_staff_hand_the_device_over(
    django_capture_on_commit_callbacks,
):
    senior = ask(public="senior", wanted="tablet")
    with django_capture_on_commit_callbacks(execute=True):
        list_devices(make_refurbisher(), handover_place(), "tablet")
    senior.refresh_from_db()
    slots = handover.free_slots(senior)
    assert slots and all(9 <= s.start.astimezone(handover.intervals.PARIS).hour < 18 for s in slots)
    assert all(s.end <= senior.offer_expires_at for s in slots)

    other = UserFactory()
    with pytest.raises(PermissionDenied):
        handover.book(request=senior, by=other, start=slots[0].start)
    booked = handover.book(request=senior, by=senior.requester, start=slots[0].start)
    assert booked.status == Status.BOOKED and booked.start == slots[0].start
    assert slots[0].start not in {s.start for s in handover.free_slots(senior)}

    with pytest.raises(PermissionDenied):
        handover.hand_over(request=booked, by=senior.requester)
    done = handover.hand_over(request=booked, by=UserFactory(staff=True))
    assert done.status == Status.HANDED_OVER and done.address == ""
    assert Device.objects.get().status == Device.Status.HANDED_OVER
    assert Household.objects.get().last_handover_on == timezone.localdate()


def test_one_device_per_household_per_n_years_whatever_the_spelling_of_the_address(settings):
    settings.EQUIPMENT_YEARS_BETWEEN_DEVICES = 3
    first = ask(address="12, Rue de la Paix, Bât. B")
    with pytest.raises(ValidationError, match="déjà en cours"):
        ask(address="12 r de la paix bat b")
    # Another flat of the same block is another household.
    ask(address="12 rue de la Paix bât C")
    Household.objects.filter(pk=first.household_id).update(
        last_handover_on=timezone.localdate() - dt.timedelta(days=30)
    )
    EquipmentRequest.objects.filter(pk=first.pk).update(status=Status.HANDED_OVER)
    with pytest.raises(ValidationError, match="moins de 3 ans"):
        ask(address="12 RUE DE LA PAIX, BAT B")
    Household.objects.filter(pk=first.household_id).update(
        last_handover_on=timezone.localdate() - dt.timedelta(days=3 * 366)
    )
    assert ask(address="12 rue de la paix bat b").status == Status.WAITING


def test_bad_input_is_refused_in_french_and_changes_nothing():
    with pytest.raises(ValidationError) as error:
        services.ask(by=UserFactory(), public="rich", wanted="phone", address="x", postal_code="4440", quartier="99999")
    assert set(error.value.message_dict) == {"public", "wanted", "address", "postal_code", "quartier"}
    assert not EquipmentRequest.objects.exists() and not Household.objects.exists()
    with pytest.raises(ValidationError, match="Ligne 1"):
        services.parse_devices("portable ; 8 Go ; z ; RZ-1")
    with pytest.raises(PermissionDenied):
        services.list_batch(by=UserFactory(), place=handover_place(), devices=services.parse_devices("tablette;x;a;1"))


def test_an_offer_not_booked_expires_and_the_device_goes_to_the_next_one(django_capture_on_commit_callbacks, clock):
    first = ask(public="pupil", wanted="any", address="1 rue A")
    second = ask(public="job_seeker", wanted="any", address="2 rue B")
    with django_capture_on_commit_callbacks(execute=True):
        list_devices(make_refurbisher(), handover_place(), "laptop")
    first.refresh_from_db()
    assert first.status == Status.OFFERED
    clock.shift(dt.timedelta(days=8))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_equipment_offers")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.EXPIRED and first.address == ""
    assert second.status == Status.OFFERED and second.device_id == first.device_id
    assert Notification.objects.filter(user=first.requester, title__contains="expiré").exists()


def test_declining_passes_the_device_on(django_capture_on_commit_callbacks):
    first = ask(public="pupil", wanted="tablet", address="1 rue A")
    second = ask(public="senior", wanted="tablet", address="2 rue B")
    with django_capture_on_commit_callbacks(execute=True):
        list_devices(make_refurbisher(), handover_place(), "tablet")
    first.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        handover.decline(request=first, by=first.requester)
    second.refresh_from_db()
    assert second.status == Status.OFFERED


def test_staff_allocate_by_hand_with_a_reason_logged(django_capture_on_commit_callbacks):
    place, refurbisher = handover_place(), make_refurbisher()
    with django_capture_on_commit_callbacks(execute=True):
        list_devices(refurbisher, place, "laptop")  # nobody waits: it stays listed
    device = Device.objects.get()
    assert device.status == Device.Status.LISTED
    first = ask(public="pupil", wanted="computer", address="1 rue A")
    urgent = ask(public="job_seeker", wanted="computer", address="2 rue B")
    staff = UserFactory(staff=True)
    with pytest.raises(ValidationError, match="pourquoi"):
        allocation.assign(request=urgent, device=device, by=staff, reason=" ")
    with pytest.raises(PermissionDenied):
        allocation.assign(request=urgent, device=device, by=urgent.requester, reason="moi")
    allocation.assign(request=urgent, device=device, by=staff, reason="Entretien d'embauche en visio lundi")
    urgent.refresh_from_db()
    first.refresh_from_db()
    assert urgent.status == Status.OFFERED and first.status == Status.WAITING
    assert urgent.log.get(name="assign").reason == "Entretien d'embauche en visio lundi"
    assert device.log.get(name="reserve").by == staff


def test_a_mediator_asks_under_a_mandate_for_a_resident_without_an_account():
    from solidarite.rights.mandate_models import MandateAct
    from tests.rights.factories import make_mandate

    mediator = UserFactory(mediator=True)
    mandate = make_mandate(mediator)
    made = ask(by=mediator, mandate=mandate.pk)
    assert made.resident is None and made.mandate == mandate
    assert MandateAct.objects.filter(mandate=mandate, summary__contains="équipement").exists()
    with pytest.raises(ValidationError):
        ask(by=UserFactory(), mandate=mandate.pk, address="9 rue Z")
