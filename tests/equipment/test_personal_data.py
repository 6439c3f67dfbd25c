import pytest
from django.core.management import call_command
from django.utils import timezone

from solidarite.accounts import personal_data
from solidarite.accounts import services as account_services
from solidarite.equipment.models import Device, EquipmentRequest, Household
from tests.equipment.factories import ask, handover_place, list_devices, make_refurbisher

pytestmark = pytest.mark.django_db


def test_erasing_a_person_ends_their_offer_and_the_device_goes_to_the_next(django_capture_on_commit_callbacks):
    first = ask(public="pupil", wanted="tablet", address="1 rue A")
    second = ask(public="senior", wanted="tablet", address="2 rue B")
    with django_capture_on_commit_callbacks(execute=True):
        list_devices(make_refurbisher(), handover_place(), "tablet")
    person = first.requester
    exported = personal_data.export_personal_data(person)
    assert exported["equipement_numerique"]["demandes"][0]["adresse"] == "1 rue A, 44400"
    with django_capture_on_commit_callbacks(execute=True):
        account_services.erase_account(user=person)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.requester, first.resident, first.address) == ("declined", None, None, "")
    assert second.status == "offered"


def test_retention_keeps_the_hash_n_years_after_handover_and_nothing_more(clock, settings):
    settings.EQUIPMENT_YEARS_BETWEEN_DEVICES = 3
    served = ask(address="1 rue A")
    withdrawn = ask(address="2 rue B")
    EquipmentRequest.objects.filter(pk=withdrawn.pk).update(status="withdrawn", closed_at=withdrawn.created_at)
    Household.objects.filter(pk=served.household_id).update(last_handover_on=timezone.localdate(served.created_at))
    EquipmentRequest.objects.filter(pk=served.pk).update(status="handed_over", closed_at=served.created_at, address="")
    call_command("purge_equipment")
    assert list(Household.objects.values_list("pk", flat=True)) == [served.household_id]
    clock.shift(__import__("datetime").timedelta(days=3 * 366))
    call_command("purge_equipment")
    assert not Household.objects.exists()
    kept = EquipmentRequest.objects.get(pk=served.pk)
    assert kept.requester is None and kept.resident is None and kept.public == "senior_alone"
    assert not Device.objects.exists()


def test_the_privacy_page_says_what_a_request_keeps_and_that_a_loan_is_the_objetheques(client):
    from django.urls import reverse

    page = client.get(reverse("privacy")).content.decode().replace("&#x27;", "'")
    assert "Les ordinateurs et tablettes de la ville" in page
    assert "empreinte chiffrée de l'adresse" in page and "Un prêt ne compte pas" in page
