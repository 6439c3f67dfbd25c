"""The session store (solidarite/accounts/sessions.py) reads Django's session rows with one fixed statement:
it must find what Django's own store wrote, and nothing expired or unknown."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from solidarite.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_the_site_uses_it():
    assert settings.SESSION_ENGINE == "solidarite.accounts.sessions"


def test_it_reads_what_django_wrote_and_django_reads_what_it_wrote():
    theirs = DjangoStore()
    theirs["who"] = "Anna"
    theirs.save()
    ours = SessionStore()
    ours["who"] = "Ben"
    ours.save()

    assert SessionStore(theirs.session_key).load() == {"who": "Anna"}
    assert DjangoStore(ours.session_key).load() == {"who": "Ben"}


def test_an_expired_session_is_empty_and_its_key_dropped():
    store = SessionStore()
    store["who"] = "Anna"
    store.save()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))

    again = SessionStore(store.session_key)
    assert again.load() == {}
    assert again.session_key is None


@pytest.mark.parametrize("key", ["unknown-key-of-forty-characters-xxxxxxx", "short", "", None])
def test_an_unknown_or_malformed_key_reads_nothing(key):
    store = SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None


def test_a_signed_in_page_reads_the_session_and_the_person_in_two_queries(
    client_for, user, django_assert_max_num_queries
):
    client = client_for(user)
    client.get("/notifications/")  # the day's last-seen write done
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/notifications/").status_code == 200
    first_two = [query["sql"] for query in queries.captured_queries[:2]]
    assert "django_session" in first_two[0]
    assert "accounts_user" in first_two[1]
