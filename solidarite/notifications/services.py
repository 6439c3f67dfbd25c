from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from solidarite.notifications import realtime
from solidarite.notifications.models import Notification

TITLE_MAX = Notification._meta.get_field("title").max_length


def notify(user, kind: str, payload: dict) -> Notification:
    """Tell ``user`` something: persist it, then push it once the transaction commits.

    ``payload`` holds ``title`` (required), and optionally ``body``, ``url`` and ``data`` (a small
    JSON-ready dict the page may use). Returns the saved notification.
    """
    return notify_many([(user, kind, payload)])[0]


def notify_many(notices: list[tuple], *, push: bool = True) -> list[Notification]:
    """``notify`` for several ``(user, kind, payload)`` at once: one INSERT, and after commit one
    unread-count query and one trip to the channel layer for all of them (a new help request
    alerts ten offerers; one by one, their pushes queued behind each other's round trips).
    Without ``push`` the notifications only wait in the notifications page."""
    rows = Notification.objects.bulk_create(
        [
            Notification(
                user=user,
                kind=kind,
                title=str(payload["title"])[:TITLE_MAX],
                body=str(payload.get("body", "")),
                url=str(payload.get("url", "")),
                data=payload.get("data") or {},
            )
            for user, kind, payload in notices
        ]
    )
    if push and rows:
        transaction.on_commit(lambda: _push(rows))
    return rows


def _push(notifications: list[Notification]) -> None:
    unread = dict(
        Notification.objects.filter(user_id__in={n.user_id for n in notifications})
        .unread()
        .values("user_id")
        .annotate(count=Count("id"))
        .values_list("user_id", "count")
    )
    realtime.push_notifications([(n, unread.get(n.user_id, 0)) for n in notifications])


def mark_read(*, user, ids: list[int] | None = None) -> int:
    """Mark the user's notifications read (all of them when ``ids`` is None); returns unread left."""
    qs = Notification.objects.for_user(user).unread()
    if ids is not None:
        qs = qs.filter(id__in=ids)
    qs.update(read_at=timezone.now())
    unread = Notification.objects.for_user(user).unread().count()
    transaction.on_commit(lambda: realtime.push_unread(user.pk, unread))
    return unread
