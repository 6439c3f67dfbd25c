import pytest

from associations.directory import services
from associations.directory.models import Action, Association, AssociationEvent, Membership, Participation
from solidarite.accounts.personal_data import covered_models, export_personal_data, handlers
from tests.directory.factories import ActionFactory, make_manager

pytestmark = pytest.mark.django_db


def test_every_directory_model_pointing_to_a_user_is_covered():
    assert {Association, Membership, Action, Participation, AssociationEvent} <= covered_models()


def test_export_and_erase(user, other_user):
    association = services.request_association(by=user, name="Club photo", rna="W443000999", purpose="Photo")
    make_manager(association, other_user)
    action = ActionFactory(association=association, created_by=user)
    services.participate(action=action, user=user, kind="attend")
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
