"""The one module that talks to the channel layer.

It names the groups (one per user, per browser session, per page feed; never a global
broadcast), builds the typed payloads the browser receives, and sends them. Sending never
raises: if the layer is unreachable the failure is logged and the data waits in the database
for the next connect, so the HTTP request that triggered the push still succeeds.

Sending never makes a request wait either. Under daphne a request's sync code runs in a thread
of its own while holding one of the process's few ``HTTP_CONCURRENCY`` slots; a push made there
used to wait for Redis in that thread, and with Redis frozen eight notifying requests held every
slot for ~20 s while a visitor's home page queued behind them. Now the thread hands its pushes
to the event loop it works for and returns: the loop's outbox sends them in order, each batch
within ``CHANNEL_LAYER_TIMEOUT``, and drops (logs) what Redis does not take in time.
"""

import asyncio
import hashlib
import logging
import os
import weakref
from collections import deque
from dataclasses import asdict, dataclass, field

from asgiref.sync import SyncToAsync, async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import transaction

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
    """Send ``(group, handler, payload)`` messages, in one batch (two trips to Redis:
    ``group_send_many``); returns how many were handed over: all or none. Never raises: the layer
    is a hint, the database keeps the data and a socket that reconnects replays it.

    In a thread that works for a running event loop (a request under daphne, ``sync_to_async``)
    or on that loop itself, the batch joins the loop's outbox and this returns at once. Elsewhere
    (a management command, a WSGI server, the sync test client) it is sent here, and this waits
    at most ``CHANNEL_LAYER_TIMEOUT``."""
    layer = get_channel_layer()
    if layer is None or not messages:
        return 0
    batch = [(group, {"type": handler, "payload": payload}) for group, handler, payload in messages]
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass
    else:
        _enqueue(layer, batch)
        return len(messages)
    loop = _loop_of_this_thread()
    if loop is not None:
        try:
            loop.call_soon_threadsafe(_enqueue, layer, batch)
            return len(messages)
        except RuntimeError:  # the loop closed meanwhile: nobody would send them there
            pass
    return len(messages) if async_to_sync(_deliver)(layer, batch) else 0


def _loop_of_this_thread() -> asyncio.AbstractEventLoop | None:
    """The event loop whose ``sync_to_async`` runs this thread, if it still runs (asgiref's own
    way of finding it for ``async_to_sync``)."""
    local = SyncToAsync.threadlocal
    if getattr(local, "main_event_loop_pid", None) != os.getpid():
        return None
    loop = getattr(local, "main_event_loop", None)
    if loop is None or loop.is_closed() or not loop.is_running():
        return None
    return loop


OUTBOX_MAX = 10_000  # messages waiting per process; beyond, the oldest go (the database keeps them)
OUTBOX_BATCH = 500  # messages per trip: a backlog goes out in a few trips, not one per request


class Outbox:
    """The pushes waiting to be sent by one event loop, in the order they were made.

    One sender at a time, so two pushes of one request (a notification, then the unread count)
    reach Redis in that order; everything waiting when it goes is one batch, so a backlog built
    while Redis was slow drains in a few round trips."""

    def __init__(self):
        self.waiting: deque = deque()  # (layer, (group, message))
        self.sender: asyncio.Task | None = None

    def put(self, layer, batch: list) -> None:
        self.waiting.extend((layer, message) for message in batch)
        overflow = len(self.waiting) - OUTBOX_MAX
        if overflow > 0:
            for _ in range(overflow):
                self.waiting.popleft()
            logger.warning("channel layer too slow: %s pushes dropped", overflow)
        if self.sender is None:
            self.sender = asyncio.get_running_loop().create_task(self._send())

    async def _send(self) -> None:
        try:
            while self.waiting:
                layer = self.waiting[0][0]
                batch = []
                while self.waiting and self.waiting[0][0] is layer and len(batch) < OUTBOX_BATCH:
                    batch.append(self.waiting.popleft()[1])
                await _deliver(layer, batch)
        finally:
            self.sender = None


_outboxes: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Outbox]" = weakref.WeakKeyDictionary()


def _enqueue(layer, batch: list) -> None:
    """On the event loop: add ``batch`` to its outbox."""
    loop = asyncio.get_running_loop()
    outbox = _outboxes.get(loop)
    if outbox is None:
        outbox = _outboxes[loop] = Outbox()
    outbox.put(layer, batch)


async def _deliver(layer, batch: list) -> bool:
    try:
        await asyncio.wait_for(layer.group_send_many(batch), settings.CHANNEL_LAYER_TIMEOUT)
        return True
    except Exception:
        groups = list(dict.fromkeys(group for group, _ in batch))
        named = ", ".join(groups[:5]) + (f" and {len(groups) - 5} more" if len(groups) > 5 else "")
        logger.warning("channel layer unreachable: push to %s dropped", named, exc_info=True)
        return False


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


def push_feed_event_on_commit(feed: str, key: str, event: str, data: dict) -> None:
    """``push_feed_event`` once the current transaction commits (at once outside of one): a page
    never hears of a row a rollback takes back, nor before it can read it. ``data`` is built now,
    by the caller, from the rows as this transaction wrote them. The one way services push to a feed."""
    transaction.on_commit(lambda: push_feed_event(feed, key, event, data))


def close_user_sockets(user_id: int) -> bool:
    return _send(user_group(user_id), "force.close", {})


def close_session_sockets(session_key: str) -> bool:
    return _send(session_group(session_key), "force.close", {})
