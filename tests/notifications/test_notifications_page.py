"""The notifications page and the header badge: everything works without JavaScript."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from solidarite.accounts.backends import EmailBackend
from solidarite.accounts.models import User
from solidarite.context_processors import notification_figures
from solidarite.notifications.models import Notification
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_the_page_needs_a_signed_in_person(client):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_page_lists_my_notifications_only_newest_first(user, other_user, client_for):
    NotificationFactory(user=user, title="Ancienne", read_at=timezone.now())
    NotificationFactory(user=user, title="Récente", url="/aide/3/")
    NotificationFactory(user=other_user, title="Pas pour moi")

    html = client_for(user).get(reverse("notifications:list")).content.decode()

    assert html.index("Récente") < html.index("Ancienne")
    assert "Pas pour moi" not in html
    assert '<a href="/aide/3/">Récente</a>' in html
    assert html.count("Non lue :") == 1  # said in words, not only by a colour


def test_user_text_is_escaped(user, client_for):
    NotificationFactory(user=user, title="<script>alert(1)</script>")
    html = client_for(user).get(reverse("notifications:list")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_header_badge_shows_the_unread_count_on_every_page(user, client_for):
    for _ in range(3):
        NotificationFactory(user=user)
    NotificationFactory(user=user, read_at=timezone.now())
    last = NotificationFactory(user=user, read_at=timezone.now())

    html = client_for(user).get(reverse("home")).content.decode()

    assert '<span class="badge" data-unread-count aria-live="polite">3<span class="visually-hidden"> non lues' in html
    # The live socket replays from the newest notification the page already knows.
    assert f'data-last-id="{last.id}"' in html


@pytest.mark.parametrize("from_session", [True, False], ids=["read with the person", "read on its own"])
def test_the_badge_counts_only_my_notifications(user, other_user, from_session):
    NotificationFactory(user=user)
    mine = NotificationFactory(user=user, read_at=timezone.now())
    NotificationFactory(user=other_user)
    request = RequestFactory().get("/")
    # The session's person comes from the auth backend; one who has just signed in does not.
    request.user = EmailBackend().get_user(user.pk) if from_session else User.objects.get(pk=user.pk)

    assert notification_figures(request.user) == {"unread_notifications": 1, "last_notification_id": mine.id}


def test_mark_all_read_works_with_a_plain_form(user, other_user, client_for):
    for _ in range(2):
        NotificationFactory(user=user)
    theirs = NotificationFactory(user=other_user)
    client = client_for(user)
    page = client.get(reverse("notifications:list")).content.decode()
    assert f'action="{reverse("notifications:mark_all_read")}"' in page

    response = client.post(reverse("notifications:mark_all_read"))

    assert response.status_code == 302
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    assert 'data-unread-count aria-live="polite"></span>' in client.get(response["Location"]).content.decode()


def test_mark_all_read_refuses_get(user, client_for):
    NotificationFactory(user=user)
    assert client_for(user).get(reverse("notifications:mark_all_read")).status_code == 405
    assert Notification.objects.filter(user=user, read_at__isnull=True).exists()


def test_the_list_is_paginated(user, client_for):
    for _ in range(31):
        NotificationFactory(user=user)
    client = client_for(user)
    assert "Page 1 sur 2" in client.get(reverse("notifications:list")).content.decode()
    assert client.get(reverse("notifications:list"), {"page": "2"}).status_code == 200
    assert client.get(reverse("notifications:list"), {"page": "abc"}).status_code == 200


def test_the_page_makes_the_same_number_of_queries_for_1_or_30_notifications(user, client_for):
    client = client_for(user)
    NotificationFactory(user=user)
    client.get(reverse("notifications:list"))  # warm the session and the language
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("notifications:list")).status_code == 200
    for _ in range(29):
        NotificationFactory(user=user, read_at=timezone.now())
    with CaptureQueriesContext(connection) as thirty:
        assert client.get(reverse("notifications:list")).status_code == 200
    assert len(one) == len(thirty)
    assert len(one) <= 6
