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

import json
from dataclasses import asdict
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils.translation import gettext as _

from solidarite.notifications import feeds, realtime
from solidarite.notifications.models import Notification
from solidarite.notifications.realtime import NotificationPayload
from solidarite.notifications.services import mark_read

REPLAY_BATCH = 200
CLOSE_FORBIDDEN = 4403


class LiveConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        self.user = self.scope["user"]
        self.joined: set[str] = set()
        self.last_sent_id = 0
        if self.user.is_authenticated:
            if not self.user.is_active or self.user.is_suspended:
                await self.close(code=CLOSE_FORBIDDEN)
                return
            await self._join(realtime.user_group(self.user.pk))
            session_key = self.scope["session"].session_key
            if session_key:
                await self._join(realtime.session_group(session_key))
        await self.accept()
        last_id = _int_or_none(parse_qs(self.scope.get("query_string", b"").decode()).get("last_id", [None])[0])
        if last_id is not None and self.user.is_authenticated:
            await self._replay(last_id)

    async def disconnect(self, code):
        for group in self.joined:
            await self.channel_layer.group_discard(group, self.channel_name)
        self.joined.clear()

    async def receive(self, text_data=None, bytes_data=None):
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
            if not isinstance(ids, list) or not ids or not all(isinstance(i, int) for i in ids) or len(ids) > 500:
                await self._error("bad_message", _("« ids » doit être une liste de numéros."))
                return
        await database_sync_to_async(mark_read)(user=self.user, ids=ids)

    async def on_subscribe(self, message):
        name, key = message.get("feed"), message.get("key", "")
        feed = feeds.get_feed(name) if isinstance(name, str) else None
        if feed is None or not isinstance(key, str) or not feeds.KEY_RE.match(key):
            await self._error("unknown_feed", _("Ce fil n'existe pas."))
            return
        if not await database_sync_to_async(feed.allows)(self.user, key):
            await self._error("forbidden", _("Vous n'avez pas accès à ce fil."))
            return
        await self._join(realtime.feed_group(name, key))
        await self._send({"type": "subscribed", "feed": name, "key": key})

    async def on_unsubscribe(self, message):
        name, key = message.get("feed"), message.get("key", "")
        if isinstance(name, str) and isinstance(key, str) and feeds.KEY_RE.match(key):
            group = realtime.feed_group(name, key)
            if group in self.joined:
                self.joined.discard(group)
                await self.channel_layer.group_discard(group, self.channel_name)

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
        if payload["id"] <= self.last_sent_id:
            return
        self.last_sent_id = payload["id"]
        await self._send(payload)

    async def forward_message(self, event):
        await self._send(event["payload"])

    async def force_close(self, event):
        await self.close(code=CLOSE_FORBIDDEN)

    # --- helpers ---------------------------------------------------------------------------

    async def _join(self, group: str):
        await self.channel_layer.group_add(group, self.channel_name)
        self.joined.add(group)

    async def _replay(self, last_id: int):
        after = max(last_id, self.last_sent_id)
        while True:
            batch, unread = await database_sync_to_async(_missed)(self.user, after)
            for notification in batch:
                await self._send(asdict(NotificationPayload.of(notification, unread=unread)))
                after = self.last_sent_id = notification.id
            if len(batch) < REPLAY_BATCH:
                break
        await self._send({"type": "replayed", "last_id": after, "unread": unread})

    async def _send(self, payload: dict):
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
