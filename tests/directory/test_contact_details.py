"""Issue 13, item 7: what the export standards refuse is refused at input, by the pages and the API alike.

A manager could save postal code "4440" through the API and the page stayed "verified"; the data·inclusion
export then failed validation. Every contact detail that leaves the platform (postal code, phone, e-mail,
website) goes through one set of rules (solidarite.contact), whichever way it is typed.
"""

import pytest
from django.apps import apps
from django.urls import reverse

from associations.directory.models import Association, AssociationEvent
from solidarite.notifications.models import Notification
from tests.directory.factories import AssociationFactory, make_manager
from tests.directory.test_opendata_schema import assert_valid_structure, exported
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# One bad value of each kind the standards refuse, with a word of the French message that names it.
REFUSED = [
    ("postal_code", "4440", "code postal"),
    ("postal_code", "٤٤٤٠٠", "code postal"),  # Arabic-Indic digits: Python's \d takes them, the schema does not
    ("postal_code", "00400", "code postal"),
    ("phone", "bientôt", "téléphone"),
    ("phone", "06 12 34 56 7", "téléphone"),
    ("phone", "+44 20 7946 0958", "téléphone"),
    ("email", "contact@localhost", "e-mail"),
    ("email", "contact@asso.test", "e-mail"),
    ("website", "ftp://asso.fr", "site web"),
    ("website", "http://asso.fr:99999", "site web"),
    ("website", "http://xn--a.fr", "site web"),
]


def form_data(association, **overrides):
    return {
        "name": association.name,
        "rna": association.rna,
        "purpose": association.purpose,
        "city": "Rezé",
        "postal_code": "44400",
    } | overrides


@pytest.fixture
def page():
    association = AssociationFactory(phone="02 40 75 12 34", email="contact@asso.fr", website="https://asso.fr")
    return association, make_manager(association)


def unchanged(association):
    before = Association.objects.filter(pk=association.pk).values().get()
    return lambda: Association.objects.filter(pk=association.pk).values().get() == before


@pytest.mark.parametrize(("field", "value", "word"), REFUSED)
def test_the_api_refuses_what_the_standards_refuse_and_the_page_stays_verified(client_for, page, field, value, word):
    association, manager = page
    same = unchanged(association)

    response = client_for(manager).patch(
        f"/api/v1/associations/{association.slug}/", {field: value}, content_type="application/json"
    )

    assert response.status_code == 400, response.json()
    assert response.json()["detail"] == "Certaines informations ne sont pas valides."
    assert field in response.json()["errors"]
    assert same()
    assert_valid_structure(exported(Association.objects.get(pk=association.pk, status="verified")))


@pytest.mark.parametrize(("field", "value", "word"), REFUSED)
def test_the_form_refuses_the_same_with_a_french_message(client_for, page, field, value, word):
    association, manager = page
    same = unchanged(association)

    response = client_for(manager).post(
        reverse("directory:edit", args=[association.slug]), form_data(association, **{field: value})
    )

    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.content.decode()
    assert same()


def test_a_new_page_with_a_bad_postal_code_is_refused_by_the_api_too(client_for, user):
    response = client_for(user).post(
        "/api/v1/associations/",
        {"name": "Les Amis", "purpose": "Entraide", "rna": "W443001234", "postal_code": "4440"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "postal_code" in response.json()["errors"]
    assert not Association.objects.exists()


def test_usual_ways_of_typing_a_phone_are_stored_one_way_and_exported_in_e164(client_for, page):
    association, manager = page
    for typed in ("+33 (0)2 40 84 43 00", "02.40.84.43.00", "0033 2 40 84 43 00"):
        response = client_for(manager).patch(
            f"/api/v1/associations/{association.slug}/", {"phone": typed}, content_type="application/json"
        )
        assert response.status_code == 200, response.json()
        assert response.json()["phone"] == "02 40 84 43 00"
    association.refresh_from_db()
    assert exported(association)["telephone"] == "+33240844300"


def test_an_overseas_number_is_exported_with_its_own_country_code(page):
    association, _manager = page
    association.phone = "0692 12 34 56"
    assert exported(association)["telephone"] == "+262692123456"


def test_a_postal_code_outside_the_departement_waits_for_staff(client_for, page, staff):
    association, manager = page
    api = client_for(manager)
    url = f"/api/v1/associations/{association.slug}/"

    refused = api.patch(url, {"postal_code": "75011"}, content_type="application/json")
    assert refused.status_code == 400
    assert "demandez à la ville" in " ".join(refused.json()["errors"]["postal_code"])
    # The town's own code and the rest of the département are fine.
    assert api.patch(url, {"postal_code": "44000"}, content_type="application/json").status_code == 200

    staff_page = reverse("directory:postal_code_exception", args=[association.slug])
    assert client_for(manager).post(staff_page, {"postal_code": "75011"}).status_code == 403
    assert client_for(staff).post(staff_page, {"postal_code": "7501"}).status_code == 400
    assert client_for(staff).post(staff_page, {"postal_code": "75011"}).status_code == 302
    assert Notification.objects.filter(user=manager, kind="directory.postal_code_accepted").exists()
    assert AssociationEvent.objects.filter(association=association, kind="postal_code", actor=staff).exists()

    assert api.patch(url, {"postal_code": "75011"}, content_type="application/json").status_code == 200
    # The exception is for that code only.
    assert api.patch(url, {"postal_code": "75012"}, content_type="application/json").status_code == 400
    assert client_for(manager).get(association.get_absolute_url()).status_code == 200


def test_the_staff_page_is_for_staff_only(client_for, page):
    association, manager = page
    url = reverse("directory:postal_code_exception", args=[association.slug])
    assert client_for(manager).get(url).status_code == 403
    assert client_for(UserFactory(staff=True)).get(url).status_code == 200


def test_a_shop_refuses_the_same_values(client_for):
    from tests.shops.factories import ShopFactory

    owner = UserFactory()
    shop = ShopFactory(owner=owner)
    for field, value in [("postal_code", "4440"), ("phone", "bientôt"), ("website", "ftp://boutique.fr")]:
        response = client_for(owner).patch(
            f"/api/v1/shops/{shop.slug}/", {field: value}, content_type="application/json"
        )
        assert response.status_code == 400, (field, response.json())
        assert field in response.json()["errors"]
    ok = client_for(owner).patch(
        f"/api/v1/shops/{shop.slug}/", {"phone": "+33 2 40 00 11 22"}, content_type="application/json"
    )
    assert ok.status_code == 200
    shop.refresh_from_db()
    assert shop.phone == "02 40 00 11 22"


def test_rows_saved_before_the_rules_are_sent_back_to_verification():
    """The data migration (directory 0005): normalise what is unambiguous, flag the rest."""
    from importlib import import_module

    review = import_module("associations.directory.migrations.0005_contact_details_existing_rows").review
    bad = AssociationFactory(postal_code="4440", phone="bientôt")
    fixable = AssociationFactory(phone="02.40.75.12.34", postal_code="44400")
    elsewhere = AssociationFactory(postal_code="75011")
    pending_elsewhere = AssociationFactory(postal_code="75011", pending=True)

    review(apps, None)

    bad.refresh_from_db()
    assert bad.status == Association.Status.PENDING and bad.verified_at is None
    event = AssociationEvent.objects.get(association=bad, kind="to_check")
    assert "code postal « 4440 »" in event.message and "téléphone « bientôt »" in event.message
    fixable.refresh_from_db()
    assert fixable.status == Association.Status.VERIFIED and fixable.phone == "02 40 75 12 34"
    elsewhere.refresh_from_db()
    assert elsewhere.status == Association.Status.VERIFIED and elsewhere.postal_code_accepted == "75011"
    pending_elsewhere.refresh_from_db()
    assert not pending_elsewhere.postal_code_accepted
    assert not AssociationEvent.objects.filter(association=fixable).exists()


def test_the_verification_queue_says_what_to_fix(client_for, staff):
    association = AssociationFactory(pending=True, name="À revoir")
    AssociationEvent.objects.create(association=association, kind="to_check", message="code postal « 4440 »")
    page = client_for(staff).get(reverse("directory:verification")).content.decode()
    assert "code postal « 4440 »" in page
