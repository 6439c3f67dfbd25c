import pytest
from django.contrib.auth.models import AnonymousUser

from solidarite.accounts import services
from solidarite.accounts.roles import Role, can_post, is_city_staff, register_role_provider, roles_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_confirmed_neighbour_can_post(user):
    assert can_post(user)


@pytest.mark.parametrize("trait", ["suspended", "unconfirmed"])
def test_suspended_or_unconfirmed_people_cannot_post(trait):
    assert not can_post(UserFactory(**{trait: True}))


def test_a_visitor_cannot_post():
    assert not can_post(AnonymousUser())


def test_suspension_is_lifted_by_staff(user, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.suspend(user=user, by=staff, reason="Propos injurieux")
    assert not can_post(user)
    assert user.notifications.get().kind == "accounts.suspended"

    services.lift_suspension(user=user, by=staff)

    assert can_post(user)


def test_only_active_staff_is_city_staff(staff, user):
    assert is_city_staff(staff)
    assert not is_city_staff(user)
    assert not is_city_staff(UserFactory(staff=True, is_active=False))
    assert not is_city_staff(AnonymousUser())


def test_roles_combine_flags_and_providers(monkeypatch):
    from solidarite.accounts import roles

    monkeypatch.setattr(roles, "_providers", list(roles._providers))
    register_role_provider(lambda user: [Role("shopkeeper", "commerçant·e", "La Fournée")] if user.is_staff else [])
    person = UserFactory(mediator=True, staff=True)

    codes = [role.code for role in roles_of(person)]

    assert codes[:2] == ["neighbour", "staff"]
    assert "mediator" in codes  # from the grant in a social-action structure (rights' provider)
    assert "shopkeeper" in codes
    assert [role.code for role in roles_of(AnonymousUser())] == ["visitor"]
