"""The person a session brings (EmailBackend.get_user): its query is compiled once per process and shared by
every request thread, so each call must still read its own person."""

import pytest

from solidarite.accounts.backends import EmailBackend
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_each_call_reads_its_own_person_and_figures_when_calls_alternate():
    anna, ben = UserFactory(), UserFactory()
    NotificationFactory(user=anna)
    last = NotificationFactory(user=anna)
    backend = EmailBackend()

    for person, unread, last_id in [(anna, 2, last.id), (ben, 0, 0), (anna, 2, last.id), (ben, 0, 0)]:
        found = backend.get_user(str(person.pk))  # sessions keep the id as text
        assert (found.pk, found.unread_notifications, found.last_notification_id) == (person.pk, unread, last_id)


def test_an_unknown_or_unreadable_id_brings_nobody():
    backend = EmailBackend()
    assert backend.get_user(10**12) is None
    assert backend.get_user("not-a-number") is None
    assert backend.get_user(None) is None


def test_a_deactivated_person_is_signed_out():
    person = UserFactory(is_active=False)
    assert EmailBackend().get_user(person.pk) is None


def test_one_query_brings_the_person_and_the_header_figures(django_assert_num_queries):
    person = UserFactory()
    backend = EmailBackend()
    backend.get_user(person.pk)  # compiled by now
    with django_assert_num_queries(1):
        found = backend.get_user(person.pk)
    assert found.unread_notifications == 0
