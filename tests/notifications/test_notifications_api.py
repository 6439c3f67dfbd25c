"""/api/v1/notifications/: one's own notifications, and marking them read."""

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from solidarite.accounts.models import ApiToken
from solidarite.notifications.models import Notification
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/notifications/"
MARK_READ = "/api/v1/notifications/mark-read/"


@pytest.fixture
def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {ApiToken.objects.issue(user=user, name='test')[1]}")
    return client


def test_it_requires_authentication():
    response = APIClient().get(LIST)
    assert response.status_code in (401, 403)
    assert response.json()["detail"]


def test_it_lists_only_my_notifications_newest_first(api, user, other_user):
    older = NotificationFactory(user=user)
    newer = NotificationFactory(user=user, title="Nouvelle", url="/aide/1/", data={"match": 1})
    NotificationFactory(user=other_user)

    body = api.get(LIST).json()

    assert body["count"] == 2
    assert [n["id"] for n in body["results"]] == [newer.id, older.id]
    assert body["results"][0] | {"created_at": None} == {
        "id": newer.id,
        "kind": "test",
        "title": "Nouvelle",
        "body": "",
        "url": "/aide/1/",
        "data": {"match": 1},
        "created_at": None,
        "read_at": None,
    }


def test_after_gives_what_was_missed_in_order(api, user):
    seen, *missed = [NotificationFactory(user=user) for _ in range(3)]
    body = api.get(LIST, {"after": seen.id}).json()
    assert [n["id"] for n in body["results"]] == [n.id for n in missed]


def test_a_bad_after_is_a_clear_400(api):
    response = api.get(LIST, {"after": "hier"})
    assert response.status_code == 400
    assert response.json()["errors"]["after"]


def test_another_persons_notification_is_not_found(api, other_user):
    theirs = NotificationFactory(user=other_user)
    response = api.get(f"{LIST}{theirs.id}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Introuvable."}


def test_mark_read_marks_the_given_ones_and_answers_the_unread_count(api, user, other_user):
    first, second = NotificationFactory(user=user), NotificationFactory(user=user)
    theirs = NotificationFactory(user=other_user)

    response = api.post(MARK_READ, {"ids": [first.id, theirs.id]}, format="json")

    assert response.status_code == 200
    assert response.json() == {"unread": 1}
    assert Notification.objects.get(pk=first.pk).read_at is not None
    assert Notification.objects.get(pk=second.pk).read_at is None
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_mark_read_without_ids_marks_all_mine(api, user, other_user):
    NotificationFactory(user=user)
    NotificationFactory(user=user, read_at=timezone.now())
    theirs = NotificationFactory(user=other_user)

    assert api.post(MARK_READ, {}, format="json").json() == {"unread": 0}
    assert Notification.objects.get(pk=theirs.pk).read_at is None


@pytest.mark.parametrize("ids", ["1,2", [0], ["un"], list(range(1, 502))], ids=["text", "zero", "word", "too-many"])
def test_mark_read_with_bad_ids_is_a_400_and_changes_nothing(api, user, ids):
    mine = NotificationFactory(user=user)
    response = api.post(MARK_READ, {"ids": ids}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Certaines informations ne sont pas valides."
    assert Notification.objects.get(pk=mine.pk).read_at is None


def test_mark_read_pushes_the_unread_count_after_commit(api, user, django_capture_on_commit_callbacks, monkeypatch):
    pushed = []
    monkeypatch.setattr("solidarite.notifications.realtime.push_unread", lambda uid, n: pushed.append((uid, n)))
    NotificationFactory(user=user)
    with django_capture_on_commit_callbacks(execute=True):
        api.post(MARK_READ, {}, format="json")
    assert pushed == [(user.pk, 0)]


def test_the_schema_documents_the_notification_routes():
    response = APIClient().get(reverse("api:schema"))
    assert response.status_code == 200
    assert b"/api/v1/notifications/mark-read/" in response.content
