"""The profile page names each épicerie a person runs or serves at the till, in two queries whatever
their number (every app's roles are asked on each view of the profile)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from solidarite.accounts.roles import roles_of
from tests.factories import UserFactory
from tests.grocery.factories import make_grocery

pytestmark = pytest.mark.django_db


def grocery_roles(user):
    return sorted((role.code, role.detail) for role in roles_of(user) if role.code.startswith("grocery_"))


def test_a_manager_here_and_a_till_volunteer_there_sees_both_and_nothing_else():
    person, other = UserFactory(), UserFactory()
    make_grocery(slug="nord", name="Épicerie Nord", managers=[person])
    make_grocery(slug="sud", name="Épicerie Sud", volunteers=[person])
    make_grocery(slug="est", name="Épicerie Est", managers=[person], volunteers=[person])
    make_grocery(slug="ouest", name="Épicerie Ouest", managers=[other], volunteers=[other])
    assert grocery_roles(person) == [
        ("grocery_manager", "Épicerie Est"),
        ("grocery_manager", "Épicerie Nord"),
        ("grocery_till", "Épicerie Est"),
        ("grocery_till", "Épicerie Sud"),
    ]
    assert grocery_roles(UserFactory()) == []


def test_the_number_of_queries_does_not_grow_with_the_epiceries():
    person = UserFactory()
    make_grocery(slug="a", name="A", managers=[person])
    with CaptureQueriesContext(connection) as one:
        roles_of(person)
    for n in range(5):
        make_grocery(slug=f"b{n}", name=f"B{n}", managers=[person], volunteers=[person])
    with CaptureQueriesContext(connection) as six:
        roles_of(person)
    assert len(six) == len(one)
