import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from associations.directory import services
from associations.directory.models import Membership
from solidarite.accounts.roles import roles_of
from solidarite.notifications.models import Notification
from tests.directory.factories import AssociationFactory, make_manager

pytestmark = pytest.mark.django_db


@pytest.fixture
def association():
    return AssociationFactory(name="Secours de Rezé")


def test_a_manager_adds_another_manager_who_is_told(client_for, association, other_user):
    manager = make_manager(association)
    response = client_for(manager).post(
        reverse("directory:managers", args=[association.slug]), {"email": other_user.email}
    )
    assert response.status_code == 302
    assert association.is_manager(other_user)
    assert Notification.objects.filter(user=other_user, kind="directory.manager_added").exists()
    assert any(r.code == "association_manager" and r.detail == "Secours de Rezé" for r in roles_of(other_user))


def test_someone_who_is_not_manager_cannot_add_managers(client_for, association, user, other_user):
    make_manager(association)
    response = client_for(user).post(reverse("directory:managers", args=[association.slug]), {"email": user.email})
    assert response.status_code == 403
    assert not association.is_manager(user)


def test_an_unknown_email_is_explained(client_for, association):
    manager = make_manager(association)
    response = client_for(manager).post(
        reverse("directory:managers", args=[association.slug]), {"email": "inconnu@exemple.fr"}
    )
    assert response.status_code == 400
    assert "Aucun compte" in response.content.decode()


def test_a_manager_can_leave_when_another_remains(client_for, association):
    first, second = make_manager(association), make_manager(association)
    response = client_for(first).post(reverse("directory:leave", args=[association.slug]))
    assert response.status_code == 302
    assert not association.is_manager(first) and association.is_manager(second)


def test_the_last_manager_cannot_leave(client_for, association):
    only = make_manager(association)
    with pytest.raises(ValidationError):
        services.leave(association=association, user=only)
    response = client_for(only).post(reverse("directory:leave", args=[association.slug]), follow=True)
    assert "dernière responsable" in response.content.decode()
    assert association.is_manager(only)
    assert Membership.objects.filter(association=association).count() == 1
