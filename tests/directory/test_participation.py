import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from associations.directory import actions
from associations.directory.models import Participation
from solidarite.notifications.models import Notification
from tests.directory.factories import ActionFactory, AssociationFactory, make_manager
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def action():
    association = AssociationFactory()
    make_manager(association)
    return ActionFactory(association=association, wants_volunteers=True, volunteers_needed=3, title="Distribution")


def test_je_viens_and_je_donne_un_coup_de_main(client_for, user, action):
    client = client_for(user)
    client.post(reverse("directory:participate", args=[action.pk]), {"kind": "attend"})
    client.post(reverse("directory:participate", args=[action.pk]), {"kind": "attend"})
    client.post(reverse("directory:participate", args=[action.pk]), {"kind": "volunteer"})
    assert sorted(Participation.objects.filter(user=user).values_list("kind", flat=True)) == ["attend", "volunteer"]
    assert Notification.objects.filter(kind="directory.volunteer").count() == 1
    html = client.get(action.get_absolute_url()).content.decode()
    assert "Je ne viens plus" in html and "1 s'est proposé" in html
    client.post(reverse("directory:withdraw", args=[action.pk]), {"kind": "attend"})
    assert list(Participation.objects.filter(user=user).values_list("kind", flat=True)) == ["volunteer"]


def test_managers_see_who_comes_and_others_do_not(client_for, action):
    neighbour = UserFactory(display_name="Josiane Marchand")
    actions.participate(action=action, user=neighbour, kind="attend")
    manager = action.association.memberships.get().user
    assert "Josiane Marchand" in client_for(manager).get(action.get_absolute_url()).content.decode()
    other = client_for(UserFactory()).get(action.get_absolute_url()).content.decode()
    assert "Josiane Marchand" not in other and "1 personne vient" in other
    with pytest.raises(Exception) as denied:
        actions.participants(action=action, viewer=UserFactory())
    assert denied.typename == "PermissionDenied"


def test_no_volunteering_when_the_action_does_not_ask(user):
    action = ActionFactory()
    with pytest.raises(ValidationError):
        actions.participate(action=action, user=user, kind="volunteer")


def test_visitors_must_sign_in(client, action):
    response = client.post(reverse("directory:participate", args=[action.pk]), {"kind": "attend"})
    assert response.status_code == 302
    assert not Participation.objects.exists()
