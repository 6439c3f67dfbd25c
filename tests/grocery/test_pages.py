"""The pages, without JavaScript: a prescriber orients, a household books by code, the till records a visit."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from solidarite.grocery import services
from solidarite.grocery.models import Prescriber, SlotBooking, Visit
from tests.factories import UserFactory
from tests.grocery.factories import make_grocery, make_prescriber, orient

pytestmark = pytest.mark.django_db


def test_a_prescriber_orients_a_household_and_sees_its_code_once(client):
    grocery = make_grocery()
    prescriber = make_prescriber()
    client.force_login(prescriber)
    today = timezone.localdate()
    response = client.post(
        reverse("grocery:orient"),
        {
            "grocery": grocery.pk,
            "size_band": "2",
            "starts_on": today.isoformat(),
            "ends_on": (today + dt.timedelta(days=90)).isoformat(),
            "allowance": "45,00",
        },
    )
    assert response.status_code == 200
    code = re.search(r"[0-9A-Z]{5}-[0-9A-Z]{5}", response.content.decode()).group(0)
    household = services.find_household(code, who="test")
    assert household.orientations.get().allowance == 4500
    listing = client.get(reverse("grocery:orientations")).content.decode()
    assert household.code_hint in listing and code not in listing


def test_a_bad_orientation_form_is_a_400_that_says_why(client):
    client.force_login(make_prescriber())
    response = client.post(reverse("grocery:orient"), {"grocery": make_grocery().pk, "size_band": "2"})
    assert response.status_code == 400
    assert "Ce formulaire n'a pas été envoyé" in response.content.decode()


def test_a_neighbour_cannot_open_the_orientation_form(client):
    client.force_login(UserFactory())
    assert client.get(reverse("grocery:orient")).status_code == 403


def test_a_household_books_a_slot_with_its_code_and_no_account(client):
    grocery = make_grocery()
    orientation, code = orient(grocery, allowance=5000)
    response = client.post(reverse("grocery:access"), {"code": code.lower()})
    assert response.status_code == 302
    page = client.get(reverse("grocery:space")).content.decode()
    assert "Droit valable jusqu" in page
    assert "50,00" in page
    start = re.search(r'name="debut" value="([^"]+)"', page).group(1)
    client.post(reverse("grocery:space_book"), {"debut": start})
    booking = SlotBooking.objects.get()
    assert booking.household == orientation.household
    page = client.get(reverse("grocery:space")).content.decode()
    assert "Annuler ce créneau" in page
    client.post(reverse("grocery:space_leave"))
    assert client.get(reverse("grocery:space")).status_code == 302


def test_a_wrong_code_is_a_400_that_says_so(client):
    make_grocery()
    response = client.post(reverse("grocery:access"), {"code": "AAAAA-BBBBB"})
    assert response.status_code == 400
    assert "pas reconnu" in response.content.decode()


def test_the_till_shows_the_right_and_the_amount_left_never_the_contact(client):
    volunteer = UserFactory()
    grocery = make_grocery(volunteers=[volunteer])
    _orientation, code = orient(grocery, allowance=3000, contact="06 11 22 33 44")
    client.force_login(volunteer)
    page = client.post(reverse("grocery:till", args=[grocery.slug]), {"code": code}).content.decode()
    assert "Droit valable jusqu" in page and "30,00" in page
    assert "06 11 22 33 44" not in page
    response = client.post(reverse("grocery:till", args=[grocery.slug]), {"code": code, "amount": "12,50"})
    assert response.status_code == 302
    assert Visit.objects.get().amount == 1250
    over = client.post(reverse("grocery:till", args=[grocery.slug]), {"code": code, "amount": "20"})
    assert over.status_code == 400
    assert "dépasse ce qui reste ce mois-ci : 17,50" in over.content.decode()
    assert Visit.objects.count() == 1


def test_the_till_is_closed_to_others(client):
    grocery = make_grocery()
    for person in (UserFactory(), make_prescriber(), UserFactory(staff=True)):
        client.force_login(person)
        assert client.get(reverse("grocery:till", args=[grocery.slug])).status_code == 403


def test_staff_grant_the_prescriber_role_on_a_page(client):
    person = UserFactory()
    client.force_login(UserFactory(staff=True))
    response = client.post(
        reverse("grocery:prescribers"), {"email": person.email, "kind": "association", "organisation": "Restos du cœur"}
    )
    assert response.status_code == 302
    assert Prescriber.objects.get(user=person).organisation == "Restos du cœur"
    client.force_login(UserFactory())
    assert client.get(reverse("grocery:prescribers")).status_code == 403


def test_a_prescriber_renews_on_the_orientation_page(client):
    prescriber = make_prescriber()
    orientation, _code = orient(make_grocery(), by=prescriber, days=10)
    client.force_login(prescriber)
    page = client.get(orientation.get_absolute_url()).content.decode()
    assert "Renouveler le droit" in page and "Arrêter le droit" in page
    ends_on = orientation.ends_on + dt.timedelta(days=60)
    client.post(reverse("grocery:orientation_step", args=[orientation.pk, "renouveler"]), {"ends_on": ends_on})
    orientation.refresh_from_db()
    assert orientation.status == "renewed"
    client.force_login(UserFactory())
    assert client.get(orientation.get_absolute_url()).status_code == 403


def test_a_manager_adds_a_volunteer_and_sees_the_day(client):
    manager, newcomer = UserFactory(), UserFactory()
    grocery = make_grocery(managers=[manager])
    client.force_login(manager)
    client.post(reverse("grocery:volunteers", args=[grocery.slug]), {"email": newcomer.email})
    assert grocery.is_till(newcomer)
    assert client.get(reverse("grocery:day", args=[grocery.slug])).status_code == 200


def test_a_household_links_its_account_and_gives_a_contact_of_its_choice(client):
    grocery = make_grocery()
    orientation, code = orient(grocery)
    person = UserFactory()
    client.force_login(person)
    client.post(reverse("grocery:access"), {"code": code})
    client.post(reverse("grocery:space_link"), {"compte": "lier", "contact": "06 99 88 77 66"})
    household = orientation.household
    household.refresh_from_db()
    assert household.account == person and household.contact == "06 99 88 77 66"
    client.logout()
    client.force_login(person)
    assert "Droit valable jusqu" in client.get(reverse("grocery:space")).content.decode()
    client.post(reverse("grocery:space_link"), {"contact": ""})
    household.refresh_from_db()
    assert household.account is None and household.contact == ""


def test_an_epicerie_cannot_take_the_address_of_a_page_of_the_app():
    from django.core.exceptions import ValidationError

    from solidarite.grocery.models import Grocery

    grocery = Grocery(slug="acces", name="x", run_by="x", address="x", opening_hours="Mo 09:00-12:00")
    with pytest.raises(ValidationError, match="réservée"):
        grocery.full_clean()


def test_a_right_is_stopped_with_a_reason_from_the_list_never_a_free_text(client):
    prescriber = make_prescriber()
    orientation, _code = orient(make_grocery(), by=prescriber)
    client.force_login(prescriber)
    page = client.get(orientation.get_absolute_url()).content.decode()
    assert '<select name="reason"' in page and "à la demande du foyer" in page
    url = reverse("grocery:orientation_step", args=[orientation.pk, "arreter"])
    refused = client.post(url, {"reason": "perte d'emploi"}, follow=True).content.decode()
    assert "Choisissez la raison dans la liste" in refused
    orientation.refresh_from_db()
    assert orientation.status == "active"
    client.post(url, {"reason": "ne-vient-plus"})
    orientation.refresh_from_db()
    assert orientation.status == "ended"
    assert "(le foyer ne vient plus)" in client.get(orientation.get_absolute_url()).content.decode()
