"""A manager invites someone by e-mail; that person, signed in with the invited address, accepts or declines."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from associations.directory import invitations, pages
from associations.directory.models import AssociationEvent, ManagerInvitation, Membership
from solidarite.notifications.models import Notification
from tests.directory.factories import AssociationFactory, make_manager
from tests.factories import UserFactory
from tests.helpers import plain, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def association():
    return AssociationFactory(name="Secours de Rezé")


@pytest.fixture
def manager(association):
    return make_manager(association, UserFactory(display_name="Awa Diallo"))


@pytest.fixture
def camille():
    return UserFactory(email="camille.dupont@exemple.fr", display_name="Camille")


def answer_url(invitation, answer):
    return reverse("directory:invitation_answer", kwargs={"pk": invitation.pk, "answer": answer})


def age(invitation, **delta):
    """Pretend the invitation was sent some time ago."""
    ManagerInvitation.objects.filter(pk=invitation.pk).update(
        sent_at=invitation.sent_at - dt.timedelta(**delta), expires_at=invitation.expires_at - dt.timedelta(**delta)
    )


# --- inviting ----------------------------------------------------------------------------------


def test_the_invitation_e_mail_is_french_has_the_link_and_leaves_after_commit(
    association, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        invitation = invitations.invite_manager(association=association, by=manager, email="  Nadia@Exemple.FR ")
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == ["nadia@exemple.fr"] and invitation.email == "nadia@exemple.fr"
    assert plain(message.subject) == "Invitation : devenez responsable de « Secours de Rezé »"
    body = plain(message.body)
    assert "Awa Diallo vous invite à devenir responsable de l'association « Secours de Rezé »" in body
    assert f"{settings.SITE_URL}/invitations/" in body
    expires = timezone.localtime(invitation.expires_at)
    assert f"valable jusqu'au {expires.day} " in body and "ignorez ce message" in body
    assert "nadia@exemple.fr" in body


def test_the_link_token_is_stored_hashed(association, manager, invite):
    invitation, link = invite(association, manager, "nadia@exemple.fr")
    token = link.rstrip("/").rsplit("/", 1)[1]
    invitation.refresh_from_db()
    assert len(token) >= 40
    assert invitation.token_hash == ManagerInvitation.hash_token(token) != token
    assert invitations.invitation_for_token(token) == invitation
    assert invitations.invitation_for_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None


def test_an_existing_account_is_also_notified_live_without_the_secret_link(association, manager, camille, invite):
    _, link = invite(association, manager, "Camille.Dupont@exemple.fr")
    notification = Notification.objects.get(user=camille)
    assert notification.kind == "directory.manager_invitation"
    assert notification.url == reverse("directory:my_invitations")
    assert "Secours de Rezé" in notification.title
    # The inviter's name is read live on the page, never copied into the invitee's notifications.
    assert "Awa" not in notification.title + notification.body
    assert link.split("/")[-2] not in f"{notification.title} {notification.body} {notification.url} {notification.data}"


def test_an_address_without_an_account_gets_only_the_e_mail(association, manager, invite):
    invite(association, manager, "personne.inconnue@exemple.fr")
    assert len(mail.outbox) == 1
    assert not Notification.objects.filter(kind="directory.manager_invitation").exists()


def test_inviting_the_same_address_again_refreshes_the_invitation(association, manager, invite, client_for, camille):
    first, old_link = invite(association, manager, "camille.dupont@exemple.fr")
    age(first, hours=2)
    again, new_link = invite(association, manager, "CAMILLE.dupont@exemple.fr")
    assert again.pk == first.pk and ManagerInvitation.objects.count() == 1
    assert new_link != old_link and len(mail.outbox) == 2
    assert again.expires_at > timezone.now() + dt.timedelta(days=13)
    client = client_for(camille)
    assert client.get(old_link).status_code == 404  # the older e-mail's link gave way to the newer one
    assert client.get(new_link).status_code == 200


def test_inviting_again_within_the_hour_is_refused(association, manager, invite):
    invite(association, manager, "nadia@exemple.fr")
    with pytest.raises(ValidationError) as error:
        invitations.invite_manager(association=association, by=manager, email="nadia@exemple.fr")
    assert "attendez une heure" in plain(str(error.value))
    assert len(mail.outbox) == 1


def test_inviting_a_current_manager_is_refused_with_a_clear_message(association, manager, camille):
    make_manager(association, camille)
    with pytest.raises(ValidationError) as error:
        invitations.invite_manager(association=association, by=manager, email="Camille.Dupont@exemple.fr")
    assert error.value.message_dict == {"email": ["Cette personne est déjà responsable de l'association."]}
    assert not ManagerInvitation.objects.exists()


def test_an_invalid_address_is_refused(association, manager):
    with pytest.raises(ValidationError) as error:
        invitations.invite_manager(association=association, by=manager, email="pas-une-adresse")
    assert "email" in error.value.message_dict
    assert not ManagerInvitation.objects.exists()


def test_at_most_twenty_invitations_wait_for_an_answer(association, manager, invite):
    for n in range(invitations.MAX_PENDING_INVITATIONS):
        invite(association, manager, f"invite{n}@exemple.fr")
    with pytest.raises(ValidationError) as error:
        invitations.invite_manager(association=association, by=manager, email="une-de-trop@exemple.fr")
    assert "annulez-en une" in plain(str(error.value))
    # Revoking one makes room again.
    invitations.revoke_invitation(invitation=ManagerInvitation.objects.first(), by=manager)
    invite(association, manager, "une-de-trop@exemple.fr")
    assert ManagerInvitation.objects.pending().count() == invitations.MAX_PENDING_INVITATIONS


def test_revoking_and_inviting_again_is_capped_per_day(association, manager, invite, monkeypatch):
    monkeypatch.setattr(invitations, "MAX_INVITATIONS_PER_DAY", 3)
    for n in range(3):
        invitation, _ = invite(association, manager, f"invite{n}@exemple.fr")
        invitations.revoke_invitation(invitation=invitation, by=manager)
    with pytest.raises(ValidationError, match="demain"):
        invitations.invite_manager(association=association, by=manager, email="encore@exemple.fr")


def test_only_managers_and_staff_invite(association, manager, user, staff, invite):
    with pytest.raises(PermissionDenied):
        invitations.invite_manager(association=association, by=user, email="nadia@exemple.fr")
    other = make_manager(AssociationFactory())
    with pytest.raises(PermissionDenied):
        invitations.invite_manager(association=association, by=other, email="nadia@exemple.fr")
    invitation, _ = invite(association, staff, "nadia@exemple.fr")
    assert invitation.invited_by == staff


# --- the link ----------------------------------------------------------------------------------


def test_a_visitor_is_asked_to_sign_in_or_sign_up_and_to_come_back(client, association, manager, invite):
    _, link = invite(association, manager, "nadia@exemple.fr")
    response = client.get(link)
    assert response.status_code == 200
    page = text(response)
    assert "Secours de Rezé" in page
    assert f"{reverse('accounts:login')}?next={link}" in page
    assert f"{reverse('accounts:sign_up')}?next={link}" in page
    assert "Awa Diallo" not in page  # who invited is shown once signed in with the invited address


def test_signing_in_from_the_link_comes_back_to_the_invitation(client, association, manager, camille, invite):
    _, link = invite(association, manager, "camille.dupont@exemple.fr")
    login_page = client.get(reverse("accounts:login"), {"next": link}).content.decode()
    assert f'name="next" value="{link}"' in login_page
    assert f"{reverse('accounts:sign_up')}?next={link}" in login_page  # no account yet: same way back
    response = client.post(
        reverse("accounts:login"), {"username": camille.email, "password": "motdepasse-solide-42", "next": link}
    )
    assert response.status_code == 302 and response.url == link


def test_signing_up_from_the_link_comes_back_to_the_invitation_once_confirmed(
    client, association, manager, invite, django_capture_on_commit_callbacks
):
    _, link = invite(association, manager, "nadia@exemple.fr")
    sign_up_page = client.get(f"{reverse('accounts:sign_up')}?next={link}")
    assert f'name="next" value="{link}"' in sign_up_page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:sign_up"),
            {"display_name": "Nadia", "email": "Nadia@exemple.fr", "password": "un-jardin-sur-la-loire", "next": link},
        )
    confirm = mail.outbox[-1].body.split("http://", 1)[1].split(None, 1)[0].split("/", 1)[1]
    response = client.get("/" + confirm)
    assert response.status_code == 302 and response.url == link
    page = text(client.get(link))
    assert "Awa Diallo vous invite" in page and "Accepter" in page


def test_the_invited_person_sees_the_association_who_invited_them_and_two_buttons(
    client_for, association, manager, camille, invite
):
    invitation, link = invite(association, manager, "camille.dupont@exemple.fr")
    response = client_for(camille).get(link)
    assert response.status_code == 200
    page = text(response)
    assert "Devenir responsable de « Secours de Rezé »" in plain(page)
    assert "Awa Diallo vous invite à devenir responsable de cette association." in page
    assert f'action="{answer_url(invitation, "accepter")}"' in page
    assert f'action="{answer_url(invitation, "refuser")}"' in page
    assert page.count("csrfmiddlewaretoken") >= 2


def test_an_unknown_link_gives_a_french_404(client):
    response = client.get(reverse("directory:invitation", kwargs={"token": "n-importe-quoi"}))
    assert response.status_code == 404
    assert "lien d'invitation n'est pas valide" in text(response)


@pytest.mark.parametrize(
    ("close", "expected"),
    [
        (lambda i, by, to: invitations.revoke_invitation(invitation=i, by=by), "annulée par les responsables"),
        (lambda i, by, to: age(i, days=15), "a expiré"),
        (lambda i, by, to: invitations.accept_invitation(invitation=i, user=to), "déjà été acceptée"),
        (lambda i, by, to: invitations.decline_invitation(invitation=i, user=to), "a été refusée"),
    ],
    ids=["revoked", "expired", "accepted", "declined"],
)
def test_a_link_that_can_no_longer_be_used_says_why_with_a_4xx(
    client, client_for, association, manager, camille, invite, close, expected
):
    invitation, link = invite(association, manager, camille.email)
    close(invitation, manager, camille)
    for someone in (client, client_for(camille)):
        response = someone.get(link)
        assert response.status_code == 410
        assert expected in text(response)


# --- accepting, declining ----------------------------------------------------------------------


def test_accepting_makes_them_manager_logs_it_and_tells_the_other_managers(
    client_for, association, manager, camille, invite, django_capture_on_commit_callbacks
):
    second = make_manager(association)
    invitation, _ = invite(association, manager, camille.email)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(camille).post(answer_url(invitation, "accepter"))
    assert response.status_code == 302 and response.url == association.get_absolute_url()
    assert association.is_manager(camille)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None and invitation.state == ManagerInvitation.State.ACCEPTED
    event = association.events.get(kind=AssociationEvent.Kind.MANAGER_ADDED)
    assert event.actor == camille and event.message == "Camille"
    told = set(Notification.objects.filter(kind="directory.manager_added").values_list("user_id", flat=True))
    assert told == {manager.pk, second.pk}


def test_accepting_upgrades_an_existing_membership(association, manager, camille, invite):
    Membership.objects.create(association=association, user=camille, role=Membership.Role.MEMBER)
    invitation, _ = invite(association, manager, camille.email)
    invitations.accept_invitation(invitation=invitation, user=camille)
    assert Membership.objects.get(association=association, user=camille).role == Membership.Role.MANAGER


def test_the_address_matches_whatever_its_case(association, manager, camille, invite):
    invitation, _ = invite(association, manager, "Camille.DUPONT@Exemple.fr")
    invitations.accept_invitation(invitation=invitation, user=camille)
    assert association.is_manager(camille)


def test_an_invitation_cannot_be_accepted_twice(association, manager, camille, invite, client_for):
    invitation, _ = invite(association, manager, camille.email)
    stale = ManagerInvitation.objects.get(pk=invitation.pk)
    invitations.accept_invitation(invitation=invitation, user=camille)
    with pytest.raises(ValidationError, match="déjà été acceptée"):
        invitations.accept_invitation(invitation=stale, user=camille)  # a copy read before the first click
    assert association.events.filter(kind=AssociationEvent.Kind.MANAGER_ADDED).count() == 1
    assert Notification.objects.filter(kind="directory.manager_added").count() == 1
    assert Membership.objects.filter(association=association, user=camille).count() == 1
    # A second click on the page lands where the first one did, and adds nothing.
    response = client_for(camille).post(answer_url(invitation, "accepter"))
    assert response.status_code == 302 and response.url == association.get_absolute_url()
    assert association.events.filter(kind=AssociationEvent.Kind.MANAGER_ADDED).count() == 1


def test_another_account_cannot_accept_and_is_told_why(association, manager, camille, other_user, invite, client_for):
    invitation, link = invite(association, manager, camille.email)
    client = client_for(other_user)
    page = client.get(link)
    assert page.status_code == 403
    assert "envoyée à une autre adresse e-mail" in text(page)
    assert "Awa Diallo" not in text(page)
    assert f'value="{link}"' in page.content.decode()  # sign out, then come back to the link
    response = client.post(answer_url(invitation, "accepter"))
    assert response.status_code == 403
    assert "envoyée à une autre adresse e-mail" in text(response)
    assert client.post(answer_url(invitation, "refuser")).status_code == 403
    invitation.refresh_from_db()
    assert invitation.is_pending and not association.is_manager(other_user)
    with pytest.raises(PermissionDenied):
        invitations.accept_invitation(invitation=invitation, user=other_user)


def test_a_suspended_account_cannot_accept(association, manager, invite):
    suspended = UserFactory(email="suspendue@exemple.fr", suspended=True)
    invitation, _ = invite(association, manager, suspended.email)
    with pytest.raises(PermissionDenied):
        invitations.accept_invitation(invitation=invitation, user=suspended)
    assert not association.is_manager(suspended)


def test_answering_needs_a_post_with_the_csrf_token(association, manager, camille, invite):
    invitation, _ = invite(association, manager, camille.email)
    client = Client(enforce_csrf_checks=True)
    client.force_login(camille)
    assert client.get(answer_url(invitation, "accepter")).status_code == 405
    assert client.post(answer_url(invitation, "accepter")).status_code == 403
    assert not association.is_manager(camille)


def test_declining_closes_the_invitation_and_tells_the_inviter(
    association, manager, camille, invite, client_for, django_capture_on_commit_callbacks
):
    invitation, link = invite(association, manager, camille.email)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(camille).post(answer_url(invitation, "refuser"))
    assert response.status_code == 302 and response.url == reverse("directory:my_invitations")
    invitation.refresh_from_db()
    assert invitation.state == ManagerInvitation.State.DECLINED
    assert not association.is_manager(camille)
    notice = Notification.objects.get(kind="directory.manager_invitation_declined")
    assert notice.user == manager and "Camille" in notice.title
    assert client_for(camille).post(answer_url(invitation, "accepter")).status_code == 410


def test_my_invitations_lists_the_pending_invitations_to_my_address_only(
    association, manager, camille, other_user, staff, invite, client_for
):
    invite(association, manager, camille.email)
    invite(AssociationFactory(name="Club photo"), staff, other_user.email)
    expired, _ = invite(AssociationFactory(name="Les Jardins"), staff, camille.email)
    age(expired, days=15)
    response = client_for(camille).get(reverse("directory:my_invitations"))
    page = text(response)
    assert "Secours de Rezé" in page and "Club photo" not in page and "Les Jardins" not in page
    assert "Awa Diallo vous invite" in page and "Accepter" in page and "Refuser" in page


def test_my_invitations_runs_the_same_queries_for_one_or_many(camille, staff, invite, client_for):
    client = client_for(camille)
    invite(AssociationFactory(), staff, camille.email)
    client.get(reverse("directory:my_invitations"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("directory:my_invitations"))
    for _ in range(4):
        invite(AssociationFactory(), staff, camille.email)
    with CaptureQueriesContext(connection) as five:
        response = client.get(reverse("directory:my_invitations"))
    assert text(response).count("Accepter<span") == 5
    assert len(five) == len(one), [q["sql"] for q in five.captured_queries]


def test_a_mail_server_failure_keeps_the_invitation(
    association, manager, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr(invitations, "send_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invite_manager(association=association, by=manager, email="nadia@exemple.fr")
    assert ManagerInvitation.objects.get().is_pending
    assert "could not send the invitation" in caplog.text


def test_an_unknown_answer_is_a_404(association, manager, camille, invite, client_for):
    invitation, _ = invite(association, manager, camille.email)
    assert client_for(camille).post(answer_url(invitation, "peut-etre")).status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_merging_a_page_revokes_its_open_invitations(association, manager, camille, staff, invite):
    invitation, _ = invite(association, manager, camille.email)
    pages.merge(duplicate=association, into=AssociationFactory(), by=staff)
    invitation.refresh_from_db()
    assert invitation.state == ManagerInvitation.State.REVOKED
