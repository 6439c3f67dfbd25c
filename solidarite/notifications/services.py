from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Count
from django.utils import timezone

from solidarite.notifications import kinds, realtime
from solidarite.notifications.models import Notification

TITLE_MAX = Notification._meta.get_field("title").max_length


def notify(user, kind: str, payload: dict) -> Notification:
    """Tell ``user`` something: persist it, then push it once the transaction commits.

    ``kind`` is declared in ``kinds`` with its text: ``payload`` holds the ``params`` and ``people``
    (user ids) it is rendered from when read, and optionally ``body`` (a person's own words, when
    the kind declares no body), ``url`` and ``data`` (a small JSON-ready dict the page may use).
    Returns the saved notification, or None when ``user`` no longer exists.
    """
    rows = notify_many([(user, kind, payload)])
    return rows[0] if rows else None


def notify_many(notices: list[tuple], *, push: bool = True, read_now: bool = False) -> list[Notification]:
    """``notify`` for several ``(user, kind, payload)`` at once: one INSERT, and after commit one
    unread-count query and one trip to the channel layer for all of them (a new help request
    alerts ten offerers; one by one, their pushes queued behind each other's round trips).
    Without ``push`` the notifications only wait in the notifications page.

    A notice for a person who no longer exists (an erased account: ``None``, or a row deleted
    meanwhile) is left out: telling nobody must never fail the action that triggered it.
    ``read_now``: the caller read these people's rows (or rows that need them) in this very transaction,
    so a second read would say nothing more: it is skipped (a hot path saves a round trip)."""
    for _user, kind, payload in notices:
        kinds.refs_of(kind, payload)  # an undeclared kind, or a ready title, fails even with nobody to tell
    if read_now:
        notices = [notice for notice in notices if notice[0] is not None and notice[0].pk is not None]
    else:
        notices = _to_existing(notices)
    rows = Notification.objects.bulk_create([_row(user, kind, payload) for user, kind, payload in notices])
    if push and rows:
        transaction.on_commit(lambda: _push(rows))
    return rows


def _to_existing(notices: list[tuple]) -> list[tuple]:
    wanted = {user.pk for user, _kind, _payload in notices if user is not None and user.pk is not None}
    if not wanted:
        return []
    # One indexed query per batch: a user object may outlive its row (erased in the meantime).
    existing = set(get_user_model().objects.filter(pk__in=wanted).values_list("pk", flat=True))
    return [notice for notice in notices if notice[0] is not None and notice[0].pk in existing]


def _row(user, kind: str, payload: dict) -> Notification:
    refs = kinds.refs_of(kind, payload)
    if refs:
        title, body = kinds.texts(kind, refs, None)  # stored neutral; rendered with names when read
        body = str(payload.get("body", "")) if body is None else body
    else:
        title, body = str(payload["title"]), str(payload.get("body", ""))
    return Notification(
        user=user,
        kind=kind,
        title=title[:TITLE_MAX],
        body=body,
        url=str(payload.get("url", "")),
        data=payload.get("data") or {},
        refs=refs,
    )


def _push(notifications: list[Notification]) -> None:
    kinds.render(notifications)
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


def scrub_legacy(user) -> int:
    """Rows written before names were rendered when read hold them in their text: on erase, the
    person's name in a registered kind's text becomes the neutral label. (A namesake named in the
    same kind of text is neutralised too: a lesser harm than keeping an erased person's name.)"""
    name = user.display_name
    naming = [kind.name for kind in kinds.declared().values() if kind.people]
    if len(name) < 2 or not naming:
        return 0
    rows = (
        Notification.objects.filter(kind__in=naming, refs={})
        .filter(models.Q(title__contains=name) | models.Q(body__contains=name))
        .values_list("pk", "title", "body")
    )
    gone = str(kinds.GONE)
    for pk, title, body in rows:
        Notification.objects.filter(pk=pk).update(title=title.replace(name, gone), body=body.replace(name, gone))
    return len(rows)
