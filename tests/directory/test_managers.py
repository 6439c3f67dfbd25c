"""The managers page: who manages the association, the invitations waiting, inviting, cancelling, leaving."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from associations.directory import invitations
from associations.directory.models import ManagerInvitation, Membership
from tests.directory.factories import AssociationFactory, make_manager
from tests.factories import UserFactory
from tests.helpers import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def association():
    return AssociationFactory(name="Secours de Rezé")


def managers_url(association):
    return reverse("directory:managers", args=[association.slug])


def test_a_manager_invites_someone_who_is_not_manager_until_they_accept(
    client_for, association, other_user, django_capture_on_commit_callbacks
):
    manager = make_manager(association)
    client = client_for(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(managers_url(association), {"email": other_user.email.upper()})
    assert response.status_code == 302 and response.url == managers_url(association)
    invitation = ManagerInvitation.objects.get()
    assert invitation.email == other_user.email and invitation.invited_by == manager
    assert [m.to for m in mail.outbox] == [[other_user.email]]
    assert not association.is_manager(other_user)
    page = text(client.get(managers_url(association)))
    assert f"Invitation envoyée à {other_user.email}." in page


def test_the_page_lists_managers_and_pending_invitations_in_an_accessible_table(client_for, association, invite):
    manager = make_manager(association, UserFactory(display_name="Awa Diallo"))
    invite(association, manager, "nadia@exemple.fr")
    answered, _ = invite(association, manager, "deja-repondu@exemple.fr")
    invitations.revoke_invitation(invitation=answered, by=manager)
    response = client_for(manager).get(managers_url(association))
    assert response.status_code == 200
    page = text(response)
    assert "Awa Diallo (vous)" in page
    assert "<caption>" in page and '<th scope="row">nadia@exemple.fr</th>' in page
    assert "deja-repondu@exemple.fr" not in page  # only invitations still open are listed
    assert '<label for="id_email">' in page
    assert page.count("Annuler l'invitation") == 1 and "Renvoyer" in page


def test_a_refused_invitation_is_a_400_with_the_reason_in_french(client_for, association):
    manager = make_manager(association)
    response = client_for(manager).post(managers_url(association), {"email": manager.email})
    assert response.status_code == 400
    assert "Cette personne est déjà responsable de l'association." in text(response)
    response = client_for(manager).post(managers_url(association), {"email": "pas-une-adresse"})
    assert response.status_code == 400
    assert not ManagerInvitation.objects.exists()


def test_someone_who_is_not_manager_cannot_see_the_page_nor_invite(client_for, association, user):
    make_manager(association)
    assert client_for(user).get(managers_url(association)).status_code == 403
    response = client_for(user).post(managers_url(association), {"email": user.email})
    assert response.status_code == 403
    assert not ManagerInvitation.objects.exists() and not association.is_manager(user)


def test_staff_invite_for_an_association_but_have_nothing_to_leave(client_for, association, staff):
    make_manager(association)
    response = client_for(staff).post(managers_url(association), {"email": "nadia@exemple.fr"})
    assert response.status_code == 302
    assert ManagerInvitation.objects.get().invited_by == staff
    page = text(client_for(staff).get(managers_url(association)))
    assert "Quitter la responsabilité" not in page


def test_a_manager_cancels_an_invitation_and_its_link_stops_working(client, client_for, association, invite):
    manager = make_manager(association)
    invitation, link = invite(association, manager, "nadia@exemple.fr")
    url = reverse("directory:invitation_revoke", args=[association.slug, invitation.pk])
    response = client_for(manager).post(url, follow=True)
    assert "L'invitation envoyée à nadia@exemple.fr est annulée." in text(response)
    assert "nadia@exemple.fr</th>" not in text(response)
    invitation.refresh_from_db()
    assert invitation.state == ManagerInvitation.State.REVOKED
    assert client.get(link).status_code == 410


def test_cancelling_twice_says_it_is_already_cancelled(client_for, association, invite):
    manager = make_manager(association)
    invitation, _ = invite(association, manager, "nadia@exemple.fr")
    url = reverse("directory:invitation_revoke", args=[association.slug, invitation.pk])
    client_for(manager).post(url)
    response = client_for(manager).post(url, follow=True)
    assert "annulée par les responsables" in text(response)


def test_only_managers_of_that_association_cancel_its_invitations(client_for, association, user, invite):
    manager = make_manager(association)
    invitation, _ = invite(association, manager, "nadia@exemple.fr")
    url = reverse("directory:invitation_revoke", args=[association.slug, invitation.pk])
    assert client_for(user).post(url).status_code == 403
    elsewhere = AssociationFactory()
    other_manager = make_manager(elsewhere)
    wrong_page = reverse("directory:invitation_revoke", args=[elsewhere.slug, invitation.pk])
    assert client_for(other_manager).post(wrong_page).status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_the_page_runs_the_same_queries_for_one_or_many_managers_and_invitations(client_for, association, invite):
    manager = make_manager(association)
    client = client_for(manager)
    client.get(managers_url(association))  # warm the session
    with CaptureQueriesContext(connection) as few:
        assert client.get(managers_url(association)).status_code == 200
    for n in range(5):
        make_manager(association)
        invite(association, manager, f"invite{n}@exemple.fr")
    with CaptureQueriesContext(connection) as many:
        response = client.get(managers_url(association))
    assert text(response).count("Annuler l'invitation") == 5
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_a_manager_can_leave_when_another_remains(client_for, association):
    first, second = make_manager(association), make_manager(association)
    response = client_for(first).post(reverse("directory:leave", args=[association.slug]))
    assert response.status_code == 302
    assert not association.is_manager(first) and association.is_manager(second)


def test_the_last_manager_cannot_leave(client_for, association):
    only = make_manager(association)
    with pytest.raises(ValidationError):
        invitations.leave(association=association, user=only)
    response = client_for(only).post(reverse("directory:leave", args=[association.slug]), follow=True)
    assert "dernière responsable" in response.content.decode()
    assert association.is_manager(only)
    assert Membership.objects.filter(association=association).count() == 1


def test_a_pending_invitation_does_not_let_the_last_manager_leave(client_for, association, invite):
    only = make_manager(association)
    invite(association, only, "nadia@exemple.fr")
    with pytest.raises(ValidationError, match="attendez qu'elle accepte"):
        invitations.leave(association=association, user=only)
    assert association.is_manager(only)


def test_someone_who_accepted_may_then_let_the_first_manager_leave(association, invite):
    first = make_manager(association)
    newcomer = UserFactory(email="nadia@exemple.fr")
    invitation, _ = invite(association, first, newcomer.email)
    invitations.accept_invitation(invitation=invitation, user=newcomer)
    invitations.leave(association=association, user=first)
    assert not association.is_manager(first) and association.is_manager(newcomer)
    with pytest.raises(ValidationError):
        invitations.leave(association=association, user=newcomer)
