import pytest
from django.urls import reverse

from associations.directory.models import Association, AssociationEvent, Membership
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("directory:request")


def form(**overrides):
    data = {
        "name": "Théâtre de la Houssais",
        "rna": "W443001234",
        "siret": "",
        "purpose": "Une troupe de théâtre amateur pour tous les âges.",
        "tags": "culture, théâtre",
        "city": "Rezé",
        "postal_code": "44400",
        "opening_hours": "Mo-Fr 14:00-18:00",
    }
    return data | overrides


def test_a_neighbour_asks_for_a_page_and_becomes_its_manager(client_for, user):
    response = client_for(user).post(URL, form())
    association = Association.objects.get()
    assert response.status_code == 302 and response["Location"] == association.get_absolute_url()
    assert association.status == Association.Status.PENDING
    assert association.is_manager(user)
    assert sorted(t.name for t in association.tags.all()) == ["culture", "théâtre"]
    assert association.events.get().kind == AssociationEvent.Kind.REQUESTED
    page = client_for(user).get(association.get_absolute_url()).content.decode()
    assert "Non vérifiée" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("rna", "W12", "W suivi de 9 chiffres"),
        ("siret", "73282932000075", "clé de contrôle"),
        ("opening_hours", "lundi matin", "OpenStreetMap"),
    ],
)
def test_invalid_identifiers_or_hours_save_nothing(client_for, user, field, value, message):
    response = client_for(user).post(URL, form(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Association.objects.exists() and not Membership.objects.exists()


def test_it_needs_an_rna_or_a_siret(client_for, user):
    response = client_for(user).post(URL, form(rna=""))
    assert response.status_code == 400
    assert "RNA" in response.content.decode()
    assert not Association.objects.exists()


def test_a_siret_alone_is_enough_and_is_stored_compact(client_for, user):
    client_for(user).post(URL, form(rna="", siret="732 829 320 00074"))
    assert Association.objects.get().siret == "73282932000074"


def test_a_second_page_for_the_same_rna_is_refused(client_for, user, other_user):
    client_for(user).post(URL, form())
    response = client_for(other_user).post(URL, form(name="Autre nom"))
    assert response.status_code == 400
    assert "existe déjà" in response.content.decode()
    assert Association.objects.count() == 1


def test_visitors_are_sent_to_sign_in(client):
    response = client.post(URL, form())
    assert response.status_code == 302 and "connexion" in response["Location"] or "login" in response["Location"]
    assert not Association.objects.exists()


def test_a_suspended_neighbour_cannot_ask(client_for):
    response = client_for(UserFactory(suspended=True)).post(URL, form())
    assert response.status_code == 403
    assert not Association.objects.exists()
