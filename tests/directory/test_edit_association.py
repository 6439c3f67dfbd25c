import pytest
from django.urls import reverse

from tests.directory.factories import AssociationFactory, make_manager
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def data(association, **overrides):
    return {
        "name": association.name,
        "rna": association.rna,
        "purpose": "Nouvel objet",
        "city": "Rezé",
        "postal_code": "44400",
        "opening_hours": "Tu 14:00-17:00",
        "tags": "solidarité",
    } | overrides


def test_a_manager_edits_the_page(client_for):
    association = AssociationFactory()
    manager = make_manager(association)
    response = client_for(manager).post(reverse("directory:edit", args=[association.slug]), data(association))
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.purpose == "Nouvel objet" and association.opening_hours == "Tu 14:00-17:00"


@pytest.mark.parametrize("who", ["neighbour", "staff", "suspended_manager"])
def test_others_cannot_edit(client_for, who):
    association = AssociationFactory()
    person = {
        "neighbour": lambda: UserFactory(),
        "staff": lambda: UserFactory(staff=True),
        "suspended_manager": lambda: make_manager(association, UserFactory(suspended=True)),
    }[who]()
    url = reverse("directory:edit", args=[association.slug])
    assert client_for(person).get(url).status_code == 403
    assert client_for(person).post(url, data(association)).status_code == 403
    association.refresh_from_db()
    assert association.purpose != "Nouvel objet"


def test_invalid_hours_keep_the_old_ones(client_for):
    association = AssociationFactory(opening_hours="Mo 10:00-12:00")
    manager = make_manager(association)
    response = client_for(manager).post(
        reverse("directory:edit", args=[association.slug]), data(association, opening_hours="tous les jours")
    )
    assert response.status_code == 400
    association.refresh_from_db()
    assert association.opening_hours == "Mo 10:00-12:00"
