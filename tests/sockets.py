"""Sockets under test: a signed-in session, a communicator on the real ASGI application, and the
settings every socket test needs (``live_settings``, autouse where imported; tests/notifications
imports it in its conftest, the live pages of help and rooms import it in their modules)."""

import copy
import uuid

import pytest
from asgiref.sync import SyncToAsync, async_to_sync
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from django.db import connections
from django.test import Client

from solidarite.asgi import application

HOST = "solidarite.test"
ORIGIN = f"https://{HOST}"
TIMEOUT = 3  # generous: on the Redis layer a push takes a round trip through Redis


@pytest.fixture(autouse=True)
def live_settings(settings):
    """Our own host, and a channel layer no other test shares (a fresh prefix on Redis)."""
    settings.ALLOWED_HOSTS = [HOST, "testserver"]
    layers = copy.deepcopy(django_settings.CHANNEL_LAYERS)
    config = layers["default"].get("CONFIG")
    if config is not None and "prefix" in config:
        config["prefix"] = f"{config['prefix']}-{uuid.uuid4().hex[:8]}"
    settings.CHANNEL_LAYERS = layers  # channels drops its cached layer on this change
    yield settings
    layer = get_channel_layer()
    if layer is not None and hasattr(layer, "flush"):
        async_to_sync(layer.flush)()
    # The consumers' queries ran in asgiref's one sync thread: close its connection, or
    # PostgreSQL refuses to drop the test database at the end ("being accessed by other users").
    SyncToAsync.single_thread_executor.submit(connections.close_all).result()


def session_cookie(user) -> str:
    """A real signed-in session for ``user``, as a browser would hold it."""
    client = Client()
    client.force_login(user)
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


def sign_in(user) -> tuple[Client, str]:
    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    return client, client.cookies[django_settings.SESSION_COOKIE_NAME].value


def communicator(session_key: str | None = None, *, path: str = "/ws/", origin: str | None = ORIGIN):
    headers = [(b"host", HOST.encode())]
    if origin is not None:
        headers.append((b"origin", origin.encode()))
    if session_key:
        headers.append((b"cookie", f"{django_settings.SESSION_COOKIE_NAME}={session_key}".encode()))
    return WebsocketCommunicator(application, path, headers=headers)


async def connected(session_key: str | None = None, **kwargs) -> WebsocketCommunicator:
    socket = communicator(session_key, **kwargs)
    ok, code = await socket.connect(timeout=TIMEOUT)
    assert ok, f"socket refused (close code {code})"
    return socket


async def receive(socket: WebsocketCommunicator) -> dict:
    return await socket.receive_json_from(timeout=TIMEOUT)


async def receive_until(socket: WebsocketCommunicator, message_type: str) -> list[dict]:
    """Every message up to and including the first of ``message_type``."""
    messages = []
    while True:
        message = await receive(socket)
        messages.append(message)
        if message["type"] == message_type:
            return messages


async def closed_code(socket: WebsocketCommunicator) -> int:
    """Wait for the server to close the socket; return the close code."""
    while True:
        output = await socket.receive_output(timeout=TIMEOUT)
        if output["type"] == "websocket.close":
            return sendable(output.get("code", 1000))


async def refusal_code(socket: WebsocketCommunicator, timeout: float = TIMEOUT) -> int:
    """Open ``socket``, which the server must accept and then close before sending anything (a
    refusal before accepting reaches browsers as HTTP 403, where no close code can be read); return
    the close code."""
    ok, code = await socket.connect(timeout=timeout)
    assert ok, f"handshake refused (close code {code}): the script cannot tell why"
    output = await socket.receive_output(timeout=timeout)
    assert output["type"] == "websocket.close", output
    return sendable(output.get("code", 1000))


def sendable(code: int) -> int:
    """``code``, once checked that daphne can send it: its WebSocket library (autobahn) lets an
    application close with 1000 or 3000-4999 only, and fails the socket with 1011 otherwise."""
    assert code == 1000 or 3000 <= code <= 4999, f"daphne cannot send close code {code}"
    return code
