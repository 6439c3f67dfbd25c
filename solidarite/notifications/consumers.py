"""The one socket of a browser tab, at ``/ws/``.

It authenticates (session), checks permission before joining any group, and forwards what
``realtime`` sends. Messages from the browser are JSON objects with a ``type``:

- ``{"type": "replay", "last_id": N}``: send the notifications with an id above N, in order;
  the same is done at connect time when the URL carries ``?last_id=N``;
- ``{"type": "mark_read", "ids": [..]}`` or ``{"type": "mark_read", "all": true}``;
- ``{"type": "subscribe" | "unsubscribe", "feed": "...", "key": "..."}`` for page feeds;
- ``{"type": "ping"}``.

Anything else, too large or not JSON gets an ``error`` frame and the socket stays open.
"""

import asyncio
import json
import logging
from dataclasses import asdict
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils.translation import gettext as _

from solidarite.notifications import feeds, realtime
from solidarite.notifications.models import Notification
from solidarite.notifications.realtime import NotificationPayload
from solidarite.notifications.services import mark_read

logger = logging.getLogger(__name__)

REPLAY_BATCH = 200
MAX_FEEDS = 50  # page feeds one socket may follow at once
CLOSE_FORBIDDEN = 4403  # signed out, suspended, deleted: the browser does not reconnect
# "Try again later": 1013 in RFC 6455's registry, but daphne's WebSocket library (autobahn) lets an
# application close only with 1000 or 3000-4999 and fails the socket with 1011 otherwise. 4013,
# from the range kept for applications, says the same to our script.
CLOSE_TRY_AGAIN = 4013
JOIN_ATTEMPTS = 3
JOIN_RETRY_S = 0.5


class SentIds:
    """The notification ids a socket has already delivered, so each reaches it once.

    Ids are not delivered in strict order: two transactions may commit in the reverse order of
    their ids, so a push may arrive after a replay or a push of a higher id. A set (not a
    high-water mark) keeps such a late notification from being dropped. The set stays small:
    beyond ``keep`` ids the lowest ones are folded into ``floor`` (everything at or below it
    counts as sent).
    """

    def __init__(self, keep: int = 1000):
        self.keep = keep
        self.floor = 0
        self.ids: set[int] = set()

    def __contains__(self, notification_id: int) -> bool:
        return notification_id <= self.floor or notification_id in self.ids

    def add(self, notification_id: int) -> None:
        self.ids.add(notification_id)
        if len(self.ids) > self.keep:
            ordered = sorted(self.ids)
            cut = len(ordered) - self.keep // 2
            self.floor = max(self.floor, ordered[cut - 1])
            self.ids = set(ordered[cut:])


class LiveConsumer(AsyncWebsocketConsumer):
    refused = False  # closed by us: what the browser still sends is ignored
    layer_gone = False  # the channel layer failed this socket: it is being closed

    # channels sets ``channel_receive`` (the layer's receive for this socket's channel) in
    # ``__call__`` and awaits it next to the browser's frames; a failure there (Redis gone, past
    # the layer's own retries) ended the consumer with an exception, which daphne logs as an error
    # and sends the browser as 1011. It is kept here, and channels gets a guarded one instead.
    @property
    def channel_receive(self):
        return self._receive_from_layer

    @channel_receive.setter
    def channel_receive(self, receive):
        self._layer_receive = receive

    async def _receive_from_layer(self):
        if self.layer_gone:
            await asyncio.Future()  # nothing more from the layer; cancelled when the consumer ends
        try:
            return await self._layer_receive()
        except Exception:
            self.layer_gone = True
            logger.warning("channel layer unreachable: socket of user %s told to come back", self.scope["user"].pk)
            return {"type": "layer.lost"}

    async def layer_lost(self, message):
        await self._refuse(CLOSE_TRY_AGAIN)

    async def dispatch(self, message):
        # channels' dispatch first awaits ``aclose_old_connections()``: a hop through asgiref's
        # one shared sync thread for every frame and every push. In a burst those hops queue
        # behind the handshakes' queries and no socket is accepted until the queue drains.
        # Every query of this consumer goes through ``database_sync_to_async``, which already
        # closes stale connections before and after, in the thread that ran it.
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def connect(self):
        self.user = self.scope["user"]
        self.joined: set[str] = set()
        self.sent = SentIds()
        # Accept first, then say why not: a socket closed before it is accepted reaches the browser
        # as a failed handshake (HTTP 403, close code 1006), the same for "not allowed" as for "try
        # again later", and the page's script could only guess whether to reconnect.
        await self.accept()
        if self.user.is_authenticated:
            if not self.user.is_active or self.user.is_suspended:
                await self._refuse(CLOSE_FORBIDDEN)
                return
            if not await self._join_own_groups():
                # Without its groups the socket would silently miss pushes (and could not be
                # closed on logout): "try again later", the browser comes back and then replays.
                await self._refuse(CLOSE_TRY_AGAIN)
                return
        last_id = _int_or_none(parse_qs(self.scope.get("query_string", b"").decode()).get("last_id", [None])[0])
        if last_id is not None and last_id >= 0 and self.user.is_authenticated:
            await self._replay(last_id)

    async def disconnect(self, code):
        if self.joined:
            await self._leave(*self.joined)
        self.joined.clear()

    async def receive(self, text_data=None, bytes_data=None):
        if self.refused:  # frames the browser sent before it saw the close
            return
        raw = text_data if text_data is not None else (bytes_data or b"").decode("utf-8", "replace")
        if len(raw.encode()) > settings.WEBSOCKET_MAX_MESSAGE_BYTES:
            await self._error("too_large", _("Message trop long."))
            return
        try:
            message = json.loads(raw)
        except ValueError:
            await self._error("bad_json", _("Message illisible : JSON attendu."))
            return
        if not isinstance(message, dict) or not isinstance(message.get("type"), str):
            await self._error("bad_message", _("Message sans type."))
            return
        handler = self.handlers.get(message["type"])
        if handler is None:
            await self._error("unknown_type", _("Type de message inconnu."))
            return
        await handler(self, message)

    # --- messages from the browser ---------------------------------------------------------

    async def on_ping(self, message):
        await self._send({"type": "pong"})

    async def on_replay(self, message):
        if not self.user.is_authenticated:
            await self._error("forbidden", _("Connectez-vous pour recevoir vos notifications."))
            return
        last_id = _int_or_none(message.get("last_id"))
        if last_id is None or last_id < 0:
            await self._error("bad_message", _("« last_id » doit être un nombre positif."))
            return
        await self._replay(last_id)

    async def on_mark_read(self, message):
        if not self.user.is_authenticated:
            await self._error("forbidden", _("Connectez-vous pour gérer vos notifications."))
            return
        if message.get("all") is True:
            ids = None
        else:
            ids = message.get("ids")
            # bool is an int to Python; JSON true is not a notification number.
            valid = isinstance(ids, list) and 0 < len(ids) <= 500
            if not valid or not all(type(i) is int and i > 0 for i in ids):
                await self._error("bad_message", _("« ids » doit être une liste de numéros."))
                return
        await database_sync_to_async(mark_read)(user=self.user, ids=ids)

    async def on_subscribe(self, message):
        name, key = message.get("feed"), message.get("key", "")
        feed = feeds.get_feed(name) if isinstance(name, str) else None
        if feed is None or not isinstance(key, str) or not feeds.KEY_RE.match(key):
            await self._error("unknown_feed", _("Ce fil n'existe pas."))
            return
        group = realtime.feed_group(name, key)
        followed = sum(1 for joined in self.joined if joined.startswith(realtime.FEED_GROUP_PREFIX))
        if group not in self.joined and followed >= MAX_FEEDS:
            await self._error("too_many_feeds", _("Trop de fils suivis sur cette page."))
            return
        try:
            allowed = await database_sync_to_async(feed.allows)(self.user, key)
        except Exception:  # a faulty can_join refuses, it does not bring the socket down
            logger.exception("feed %s: can_join failed for key %r", name, key)
            allowed = False
        if not allowed:
            await self._error("forbidden", _("Vous n'avez pas accès à ce fil."))
            return
        try:
            await self._join(group)
        except Exception:
            # The layer is away: a socket that follows nothing would wait in vain. "Try again later": the
            # browser comes back later and subscribes again.
            logger.warning("channel layer unreachable: %s not joined, socket closed", group, exc_info=True)
            await self._refuse(CLOSE_TRY_AGAIN)
            return
        await self._send({"type": "subscribed", "feed": name, "key": key})

    async def on_unsubscribe(self, message):
        name, key = message.get("feed"), message.get("key", "")
        if isinstance(name, str) and isinstance(key, str) and feeds.KEY_RE.match(key):
            group = realtime.feed_group(name, key)
            if group in self.joined:
                self.joined.discard(group)
                await self._leave(group)

    handlers = {
        "ping": on_ping,
        "replay": on_replay,
        "mark_read": on_mark_read,
        "subscribe": on_subscribe,
        "unsubscribe": on_unsubscribe,
    }

    # --- messages from the channel layer (sent by ``realtime``) -----------------------------

    async def forward_notification(self, event):
        payload = event["payload"]
        # Already sent by a replay that raced with this push: the browser gets each id once.
        if payload["id"] in self.sent:
            return
        self.sent.add(payload["id"])
        await self._send(payload)

    async def forward_message(self, event):
        await self._send(event["payload"])

    async def force_close(self, event):
        await self._refuse(CLOSE_FORBIDDEN)

    # --- helpers ---------------------------------------------------------------------------

    async def _join_own_groups(self) -> bool:
        groups = [realtime.user_group(self.user.pk)]
        session_key = self.scope["session"].session_key
        if session_key:
            groups.append(realtime.session_group(session_key))
        for attempt in range(1, JOIN_ATTEMPTS + 1):
            try:
                # Both groups at once, batched with the other sockets' joins (solidarite/channel_layer.py):
                # in a burst of thousands of sockets, one command each was thousands of round trips.
                await self.channel_layer.group_add_many(groups, self.channel_name)
                self.joined.update(groups)
                return True
            except Exception:
                # A burst of sockets can make the first Redis connections time out; a short
                # wait usually suffices. A Redis that is really away fails every attempt.
                if attempt == JOIN_ATTEMPTS:
                    logger.warning("channel layer unreachable: socket of user %s refused", self.user.pk, exc_info=True)
                    return False
                await asyncio.sleep(JOIN_RETRY_S * attempt)
        return False

    async def _join(self, group: str):
        await self.channel_layer.group_add_many([group], self.channel_name)
        self.joined.add(group)

    async def _refuse(self, code: int):
        if self.refused:
            return
        self.refused = True
        await self.close(code=code)

    async def _leave(self, *groups: str):
        # A group left behind costs nothing: its members expire (group_expiry) and a push to a
        # closed socket's channel is dropped. A hung Redis must not keep the consumer waiting.
        try:
            await asyncio.wait_for(
                self.channel_layer.group_discard_many(list(groups), self.channel_name), settings.CHANNEL_LAYER_TIMEOUT
            )
        except Exception:
            logger.warning("channel layer unreachable: %s not left by %s", ", ".join(groups), self.channel_name)

    async def _replay(self, last_id: int):
        # Pushes that arrive meanwhile wait in the channel queue (a consumer handles one
        # message at a time), then the ids sent here are skipped: in order, once.
        after = last_id
        while True:
            batch, unread = await database_sync_to_async(_missed)(self.user, after)
            for notification in batch:
                after = notification.id
                if notification.id in self.sent:
                    continue
                self.sent.add(notification.id)
                await self._send(asdict(NotificationPayload.of(notification, unread=unread)))
            if len(batch) < REPLAY_BATCH:
                break
        await self._send({"type": "replayed", "last_id": after, "unread": unread})

    async def _send(self, payload: dict):
        if self.refused:
            return
        await self.send(text_data=json.dumps(payload, ensure_ascii=False))

    async def _error(self, code: str, message: str):
        await self._send({"type": "error", "code": code, "message": message})


def _missed(user, after: int):
    batch = list(Notification.objects.for_user(user).after(after)[:REPLAY_BATCH])
    unread = Notification.objects.for_user(user).unread().count()
    return batch, unread


def _int_or_none(value):
    if isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
