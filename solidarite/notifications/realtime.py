"""The one module that talks to the channel layer.

It names the groups (one per user, per browser session, per page feed; never a global
broadcast), builds the typed payloads the browser receives, and sends them. Sending never
raises: if the layer is unreachable the failure is logged and the data waits in the database
for the next connect, so the HTTP request that triggered the push still succeeds.
"""

import hashlib
import logging
from dataclasses import asdict, dataclass, field

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def session_group(session_key: str) -> str:
    # Session keys are credentials: the group name carries a digest, never the key.
    return "session." + hashlib.sha256(session_key.encode()).hexdigest()[:40]


FEED_GROUP_PREFIX = "feed."


def feed_group(feed: str, key: str = "") -> str:
    return f"{FEED_GROUP_PREFIX}{feed}.{key}" if key else f"{FEED_GROUP_PREFIX}{feed}"


@dataclass(frozen=True)
class NotificationPayload:
    id: int
    kind: str
    title: str
    body: str
    url: str
    created_at: str
    unread: int
    data: dict = field(default_factory=dict)
    type: str = "notification"

    @classmethod
    def of(cls, notification, *, unread: int) -> "NotificationPayload":
        return cls(
            id=notification.id,
            kind=notification.kind,
            title=notification.title,
            body=notification.body,
            url=notification.url,
            created_at=notification.created_at.isoformat(),
            unread=unread,
            data=notification.data,
        )


@dataclass(frozen=True)
class UnreadPayload:
    count: int
    type: str = "unread"


@dataclass(frozen=True)
class FeedEventPayload:
    feed: str
    key: str
    event: str
    data: dict
    type: str = "feed"


def _send(group: str, handler: str, payload: dict) -> bool:
    return _send_many([(group, handler, payload)]) == 1


def _send_many(messages: list[tuple[str, str, dict]]) -> int:
    """Send ``(group, handler, payload)`` messages in one trip to the event loop (and two to Redis:
    ``group_send_many``); returns how many went out: all or none. Never raises: the layer is a
    hint, the database keeps the data and a socket that reconnects replays it."""
    layer = get_channel_layer()
    if layer is None or not messages:
        return 0
    try:
        async_to_sync(layer.group_send_many)(
            [(group, {"type": handler, "payload": payload}) for group, handler, payload in messages]
        )
    except Exception:
        logger.warning(
            "channel layer unreachable: push to %s dropped", ", ".join(group for group, _, _ in messages), exc_info=True
        )
        return 0
    return len(messages)


def push_notification(notification, *, unread: int) -> bool:
    return push_notifications([(notification, unread)]) == 1


def push_notifications(items: list[tuple]) -> int:
    """Push ``(notification, unread count)`` pairs to their users' groups; returns how many went out."""
    return _send_many(
        [
            (user_group(n.user_id), "forward.notification", asdict(NotificationPayload.of(n, unread=unread)))
            for n, unread in items
        ]
    )


def push_unread(user_id: int, count: int) -> bool:
    return _send(user_group(user_id), "forward.message", asdict(UnreadPayload(count=count)))


def push_feed_event(feed: str, key: str, event: str, data: dict) -> bool:
    payload = FeedEventPayload(feed=feed, key=key, event=event, data=data)
    return _send(feed_group(feed, key), "forward.message", asdict(payload))


def close_user_sockets(user_id: int) -> bool:
    return _send(user_group(user_id), "force.close", {})


def close_session_sockets(session_key: str) -> bool:
    return _send(session_group(session_key), "force.close", {})
