"""Devices lent, not given: kept for loans by a refurbisher or staff, lent by staff to a household on the waiting
list through the objethèque's engine (``lending.services.book``), and not counted against the N-year rule."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from solidarite.equipment import allocation, handover, loans, services
from solidarite.equipment.models import Device, EquipmentRequest, Household
from solidarite.lending import services as lending
from solidarite.lending.models import Item, Loan
from solidarite.notifications.models import Notification
from solidarite.rights.models import Place
from tests import concurrency
from tests.equipment.factories import ask, handover_place, list_devices, make_refurbisher
from tests.factories import UserFactory
from tests.lending.factories import days_ahead

pytestmark = pytest.mark.django_db


def the_place():
    return Place.objects.filter(slug="point-numerique").first() or handover_place()


def lendable_batch(*kinds, refurbisher=None, place=None):
    refurbisher = refurbisher or make_refurbisher()
    devices = [
        {"kind": kind, "specs": "8 Go, 128 Go", "condition": "b", "reference": f"PR-{i}"}
        for i, kind in enumerate(kinds)
    ]
    return services.list_batch(by=refurbisher, place=place or the_place(), devices=devices, label="Prêt", lendable=True)


def lend_form(device, first=1, last=20):
    return {"device": device.pk, "first_day": days_ahead(first), "last_day": days_ahead(last)}


def test_a_batch_for_loans_goes_to_the_objetheque_out_of_its_catalogue_and_is_never_given(
    client, django_capture_on_commit_callbacks
):
    waiting = ask(public="pupil", wanted="tablet")
    with django_capture_on_commit_callbacks(execute=True):
        batch = lendable_batch("tablet")
    device = batch.devices.get()
    assert device.status == "lendable" and device.item.open_to_all is False
    assert device.item.lender.kind == "town" and "Point numérique" in device.item.where
    waiting.refresh_from_db()
    assert waiting.status == "waiting"  # kept for loans: not offered to keep
    assert device.item.name not in client.get(reverse("lending:items")).content.decode()
    assert client.get(device.item.get_absolute_url()).status_code == 404
    assert client.get(reverse("api:lending-item-list")).json()["results"] == []


def test_the_objetheque_refuses_a_device_to_anyone_booking_it_themselves(client):
    device = lendable_batch("laptop").devices.get()
    person = UserFactory()
    with pytest.raises(PermissionDenied, match="seulement au guichet"):
        lending.book_days(item=device.item, borrower=person, first_day=days_ahead(1), last_day=days_ahead(3))
    with pytest.raises(ValidationError, match="pas empruntable"):
        lending.join_waitlist(item=device.item, person=person)
    client.force_login(person)
    api = client.post(
        reverse("api:lending-loan-list"),
        {"item": device.item.slug, "first_day": days_ahead(1), "last_day": days_ahead(3)},
        content_type="application/json",
    )
    assert api.status_code == 404 and not Loan.objects.exists()


def test_staff_lend_a_tablet_to_a_waiting_senior_who_keeps_her_place_and_the_rule_does_not_count_it(
    client, django_capture_on_commit_callbacks
):
    senior = UserFactory()
    request = ask(senior, public="senior_alone", wanted="tablet")
    device = lendable_batch("tablet").devices.get()
    staff = UserFactory(staff=True)
    client.force_login(staff)
    page = client.get(request.get_absolute_url()).content.decode()
    assert "Prêter un appareil en attendant" in page and "ne compte pas" in page

    response = client.post(reverse("equipment:request_lend", args=[request.pk]), lend_form(device))
    assert response.status_code == 302
    loan = Loan.objects.get()
    assert loan.item == device.item and loan.borrower == senior and loan.status == "booked"
    request.refresh_from_db()
    assert request.status == "waiting" and request.log.filter(name="lend").exists()
    assert Notification.objects.filter(user=senior, kind="equipment.lent").exists()

    client.force_login(senior)
    mine = client.get(request.get_absolute_url()).content.decode()
    lent = mine[mine.index('id="prets"') :]
    assert device.item.name in lent[: lent.index("</ul>")] and "garde sa place" in mine and "Prêter" not in mine
    assert device.item.name in client.get(reverse("lending:my_loans")).content.decode()

    # Handed over and taken back at the objethèque's desk: the household's date stays empty.
    lending.hand_over(loan=loan, by=staff, condition="good", weight_kg="0.5", now=loan.start)
    lending.take_back(loan=loan, by=staff, condition="good", weight_kg="0.5", now=loan.start)
    assert Household.objects.get().last_handover_on is None
    # … and a device to keep still reaches her by the rules, and is handed over.
    with django_capture_on_commit_callbacks(execute=True):
        list_devices(make_refurbisher("Autre atelier"), the_place(), "tablet")
    request.refresh_from_db()
    assert request.status == "offered"
    slot = handover.free_slots(request)[0]
    handover.book(request=request, by=senior, start=slot.start)
    handover.hand_over(request=request, by=staff)
    assert Household.objects.get().last_handover_on == timezone.localdate()


def test_lending_refusals_are_french_400s_and_change_nothing(client):
    request = ask(wanted="tablet")
    tablet = lendable_batch("tablet").devices.get()
    laptop = lendable_batch("laptop", refurbisher=make_refurbisher("Atelier 2")).devices.get()
    client.force_login(UserFactory(staff=True))
    url = reverse("equipment:request_lend", args=[request.pk])
    cases = [
        (lend_form(laptop), "Sélectionnez un choix valide"),  # not among the devices that suit
        (lend_form(tablet, first=-2, last=3), "déjà passé"),
        (lend_form(tablet, first=1, last=90), "60 jours au plus"),
        (lend_form(tablet, first=5, last=2), "après le jour du retrait"),
        ({"device": tablet.pk, "first_day": "demain"}, "Saisissez une date valide"),
    ]
    for data, message in cases:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), (data, message)
    assert not Loan.objects.exists() and not request.log.filter(name="lend").exists()
    client.post(url, lend_form(tablet, 1, 10))
    other = ask(wanted="any", address="8 rue du Chêne")
    taken = client.post(reverse("equipment:request_lend", args=[other.pk]), lend_form(tablet, 5, 12))
    assert taken.status_code == 400 and "déjà réservé" in taken.content.decode()
    assert Loan.objects.count() == 1


def test_a_household_without_an_account_cannot_be_lent_a_device():
    staff = UserFactory(staff=True)
    request = ask(staff, wanted="tablet")  # made at the desk for a resident without an account
    device = lendable_batch("tablet").devices.get()
    with pytest.raises(ValidationError, match="au nom d'un compte"):
        loans.lend(request=request, device=device, by=staff, first_day=days_ahead(1), last_day=days_ahead(5))
    assert not Loan.objects.exists()


def test_only_staff_lend_and_strangers_do_not_see_the_request(client):
    senior = UserFactory()
    request = ask(senior, wanted="tablet")
    device = lendable_batch("tablet").devices.get()
    url = reverse("equipment:request_lend", args=[request.pk])
    client.force_login(senior)
    assert client.post(url, lend_form(device)).status_code == 403
    client.force_login(UserFactory())
    assert client.post(url, lend_form(device)).status_code == 404
    assert not Loan.objects.exists()


def test_the_refurbisher_and_staff_keep_a_listed_device_for_loans_and_others_may_not(client):
    refurbisher = make_refurbisher()
    batch = list_devices(refurbisher, handover_place(), "laptop", "tablet")
    laptop, tablet = batch.devices.order_by("pk")
    client.force_login(make_refurbisher("Autre atelier"))
    client.post(reverse("equipment:device_keep_for_loans", args=[laptop.pk]))
    client.force_login(UserFactory())
    client.post(reverse("equipment:device_keep_for_loans", args=[laptop.pk]))
    laptop.refresh_from_db()
    assert laptop.status == "listed" and laptop.item is None
    client.force_login(refurbisher)
    assert "Garder RZ-0 pour le prêt" in client.get(reverse("equipment:batches")).content.decode()
    client.post(reverse("equipment:device_keep_for_loans", args=[laptop.pk]))
    client.force_login(UserFactory(staff=True))
    assert "Garder RZ-1 pour le prêt" in client.get(reverse("equipment:desk")).content.decode()
    client.post(reverse("equipment:device_keep_for_loans", args=[tablet.pk]))
    assert set(Device.objects.values_list("status", flat=True)) == {"lendable"}
    assert Item.objects.filter(open_to_all=False).count() == 2
    # Kept for loans, a device is not offered when it is freed: allocation takes listed ones only.
    ask(wanted="any")
    assert allocation.allocate(laptop.pk) is None


def test_a_device_on_loan_is_not_withdrawn_until_it_is_back():
    staff = UserFactory(staff=True)
    request = ask(UserFactory(), wanted="tablet")
    device = lendable_batch("tablet").devices.get()
    loan = loans.lend(request=request, device=device, by=staff, first_day=days_ahead(1), last_day=days_ahead(5))
    with pytest.raises(ValidationError, match="après son retour"):
        services.withdraw_device(device=device, by=staff)
    lending.cancel(loan=loan, by=staff)
    services.withdraw_device(device=device, by=staff)
    device.refresh_from_db()
    assert device.status == "withdrawn" and device.item.is_active is False


def test_the_api_lends_for_staff_and_refuses_the_household(client):
    senior = UserFactory()
    request = ask(senior, wanted="tablet")
    device = lendable_batch("tablet").devices.get()
    url = reverse("api:equipment-request-step", args=[request.pk])
    body = {"step": "lend", "device": device.pk, "first_day": str(days_ahead(1)), "last_day": str(days_ahead(9))}
    client.force_login(senior)
    assert client.post(url, body, content_type="application/json").status_code == 403
    client.force_login(UserFactory(staff=True))
    missing = client.post(url, {"step": "lend", "device": device.pk}, content_type="application/json")
    assert missing.status_code == 400 and "obligatoire" in missing.content.decode()
    done = client.post(url, body, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "waiting"
    assert Loan.objects.get().borrower == senior
    again = client.post(url, body, content_type="application/json")
    assert again.status_code == 400 and "déjà réservé" in again.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_lending_one_device_at_once_to_several_households_make_one_loan():
    device = lendable_batch("tablet").devices.get()
    requests = [ask(UserFactory(), wanted="tablet", address=f"{i} rue du Marché") for i in range(6)]
    staff = [UserFactory(staff=True) for _ in requests]

    def lending_to(request, by):
        return lambda: loans.lend(
            request=request, device=device, by=by, first_day=days_ahead(2), last_day=days_ahead(9)
        )

    outcomes = concurrency.described(
        concurrency.race([lending_to(r, s) for r, s in zip(requests, staff, strict=True)]),
        refusal=ValidationError,
        ok="ok",
    )
    assert outcomes.count("ok") == 1, outcomes
    assert all("déjà réservé" in o for o in outcomes if o != "ok"), outcomes
    assert Loan.objects.count() == 1
    assert EquipmentRequest.objects.filter(log__name="lend").count() == 1
