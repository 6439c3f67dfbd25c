import pytest
from django.urls import reverse

from associations.directory import actions, pages
from associations.directory.models import (
    Action,
    Association,
    AssociationEvent,
    ManagerInvitation,
    Membership,
    Participation,
)
from solidarite.accounts.personal_data import covered_models, export_personal_data, handlers
from solidarite.accounts.services import erase_account
from solidarite.notifications.models import Notification
from tests.directory.factories import ActionFactory, AssociationFactory, make_manager
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_directory_model_pointing_to_a_user_is_covered():
    assert {Association, Membership, Action, Participation, AssociationEvent, ManagerInvitation} <= covered_models()


def test_export_and_erase(user, other_user):
    association = pages.request_association(by=user, name="Club photo", rna="W443000999", purpose="Photo")
    make_manager(association, other_user)
    action = ActionFactory(association=association, created_by=user)
    actions.participate(action=action, user=user, kind="attend")
    data = export_personal_data(user)["directory"]
    assert data["memberships"][0]["association"] == "Club photo"
    assert data["participations"][0]["action"] == action.title
    handler = next(h for h in handlers() if h.label == "directory")
    handler.erase(user)
    association.refresh_from_db()
    action.refresh_from_db()
    assert association.created_by is None and action.created_by is None
    assert not Participation.objects.filter(user=user).exists()
    assert not Membership.objects.filter(user=user).exists()
    assert not AssociationEvent.objects.filter(actor=user).exists()
    assert association.is_manager(other_user)


def test_invitations_are_in_the_export_of_both_people_without_the_other_ones_data(invite):
    association = AssociationFactory(name="Club photo")
    inviter = make_manager(association, UserFactory(display_name="Awa Diallo"))
    invitee = UserFactory(email="nadia@exemple.fr", display_name="Nadia")
    invite(association, inviter, invitee.email)
    received = export_personal_data(invitee)["directory"]["manager_invitations_received"]
    assert [(i["association"], i["state"]) for i in received] == [("Club photo", "pending")]
    sent = export_personal_data(inviter)["directory"]["manager_invitations_sent"]
    assert [(i["association"], i["state"]) for i in sent] == [("Club photo", "pending")]
    assert "nadia@exemple.fr" not in str(export_personal_data(inviter))
    assert "Awa" not in str(export_personal_data(invitee))


def test_an_erased_inviter_leaves_no_readable_trace_on_the_invitations_they_sent(invite, client_for):
    association = AssociationFactory(name="Club photo")
    inviter = make_manager(association, UserFactory(display_name="Awa Diallo", email="awa@exemple.fr"))
    other_manager = make_manager(association)
    invitee = UserFactory(email="nadia@exemple.fr")
    invitation, link = invite(association, inviter, invitee.email)
    erase_account(user=inviter)
    invitation.refresh_from_db()
    # Nobody is left to answer for a pending invitation they sent: it is dropped (issue 13, item 1).
    assert invitation.invited_by is None and invitation.state == ManagerInvitation.State.REVOKED
    for page, status in (
        (client_for(invitee).get(link), 410),  # the link says the invitation was cancelled
        (client_for(invitee).get(reverse("directory:my_invitations")), 200),
        (client_for(other_manager).get(reverse("directory:managers", args=[association.slug])), 200),
    ):
        assert page.status_code == status
        assert "Awa" not in page.content.decode() and "awa@exemple.fr" not in page.content.decode()
    assert not Notification.objects.filter(title__contains="Awa").exists()


def test_an_erased_invitee_loses_the_invitations_sent_to_their_address(invite):
    association = AssociationFactory()
    inviter = make_manager(association)
    invitee = UserFactory(email="nadia@exemple.fr")
    invite(association, inviter, "Nadia@exemple.fr")
    erase_account(user=invitee)
    assert not ManagerInvitation.objects.filter(email="nadia@exemple.fr").exists()
