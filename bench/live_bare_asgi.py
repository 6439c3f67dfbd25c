"""The bare stack for ``bench/live.py``: daphne + channels_redis, one echo consumer, no database.

Each socket joins the group named in its URL (``/ws/<n>/``) and forwards what the group gets.
"""

import django
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.routing import ProtocolTypeRouter, URLRouter
from django.urls import path

django.setup()


class EchoConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        self.group = f"bare.{self.scope['url_route']['kwargs']['n']}"
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def forward_message(self, event):
        await self.send(text_data=event["payload"])


application = ProtocolTypeRouter({"websocket": URLRouter([path("ws/<int:n>/", EchoConsumer.as_asgi())])})
