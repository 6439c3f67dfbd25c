from django.db import transaction
from django.utils import timezone

from solidarite.notifications import realtime
from solidarite.notifications.models import Notification

TITLE_MAX = Notification._meta.get_field("title").max_length


def notify(user, kind: str, payload: dict) -> Notification:
    """Tell ``user`` something: persist it, then push it once the transaction commits.

    ``payload`` holds ``title`` (required), and optionally ``body``, ``url`` and ``data`` (a small
    JSON-ready dict the page may use). Returns the saved notification.
    """
    notification = Notification.objects.create(
        user=user,
        kind=kind,
        title=str(payload["title"])[:TITLE_MAX],
        body=str(payload.get("body", "")),
        url=str(payload.get("url", "")),
        data=payload.get("data") or {},
    )
    transaction.on_commit(lambda: _push(notification))
    return notification


def _push(notification: Notification) -> None:
    unread = Notification.objects.for_user(notification.user_id).unread().count()
    realtime.push_notification(notification, unread=unread)


def mark_read(*, user, ids: list[int] | None = None) -> int:
    """Mark the user's notifications read (all of them when ``ids`` is None); returns unread left."""
    qs = Notification.objects.for_user(user).unread()
    if ids is not None:
        qs = qs.filter(id__in=ids)
    qs.update(read_at=timezone.now())
    unread = Notification.objects.for_user(user).unread().count()
    transaction.on_commit(lambda: realtime.push_unread(user.pk, unread))
    return unread
