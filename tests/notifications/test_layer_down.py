"""Redis away: whatever triggered a push still succeeds, the data waits in the database."""

import logging
import socket
import time

import pytest
from asgiref.sync import sync_to_async
from django.db import OperationalError
from django.urls import reverse

from solidarite.notifications.models import Notification
from solidarite.notifications.services import notify
from tests.sockets import communicator, connected, receive_until, refusal_code, session_cookie


@pytest.fixture
def unreachable_layer(settings):
    """Our Redis layer pointed at a local port where nothing listens (connections are refused)."""
    previous = settings.CHANNEL_LAYERS
    with socket.socket() as closed_port:
        closed_port.bind(("127.0.0.1", 0))  # bound, never listening: the port stays ours and refuses
        port = closed_port.getsockname()[1]
        settings.CHANNEL_LAYERS = {
            "default": {
                "BACKEND": "solidarite.channel_layer.RedisChannelLayer",
                "CONFIG": {"hosts": [f"redis://127.0.0.1:{port}/0"], "prefix": "solidarite-down"},
            }
        }
        yield
    settings.CHANNEL_LAYERS = previous


@pytest.mark.django_db
def test_notify_succeeds_and_logs_when_the_layer_is_unreachable(
    user, unreachable_layer, caplog, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True) as pushes:
        saved = notify(user, "test", {"title": "Redis est tombé"})

    assert len(pushes) == 1
    assert time.monotonic() - started < 3
    assert Notification.objects.get(pk=saved.pk).title == "Redis est tombé"
    logged = [r for r in caplog.records if r.name == "solidarite.notifications.realtime"]
    assert [r.levelno for r in logged] == [logging.WARNING]
    assert f"user.{user.pk}" in logged[0].getMessage()


@pytest.mark.django_db
def test_an_api_request_that_notifies_still_succeeds_when_the_layer_is_unreachable(
    user, unreachable_layer, client_for, caplog, django_capture_on_commit_callbacks
):
    client = client_for(user)
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        response = client.patch(reverse("api:me"), {"contact_note": "Le soir"}, content_type="application/json")

    assert response.status_code == 200
    assert Notification.objects.filter(user=user, kind="accounts.profile_updated").exists()
    assert "channel layer unreachable" in caplog.text


@pytest.mark.django_db
def test_healthz_answers_503_when_the_layer_is_unreachable(client, unreachable_layer, caplog):
    with caplog.at_level(logging.WARNING):
        response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "channel_layer": "error"}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_healthz_answers_200_when_database_and_layer_answer(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "channel_layer": "ok"}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not_answer(client, monkeypatch, caplog):
    class BrokenConnection:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("solidarite.views.connection", BrokenConnection())
    with caplog.at_level(logging.WARNING):
        response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "channel_layer": "ok"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_what_was_notified_while_the_layer_was_down_arrives_at_the_next_connect(user, settings, caplog):
    cookie = await sync_to_async(session_cookie)(user)
    working = settings.CHANNEL_LAYERS
    with socket.socket() as closed_port:
        closed_port.bind(("127.0.0.1", 0))
        settings.CHANNEL_LAYERS = {
            "default": {
                "BACKEND": "solidarite.channel_layer.RedisChannelLayer",
                "CONFIG": {"hosts": [f"redis://127.0.0.1:{closed_port.getsockname()[1]}/0"]},
            }
        }
        with caplog.at_level(logging.WARNING):
            saved = await sync_to_async(notify)(user, "test", {"title": "En attente"})
            # Without the layer a socket could not be reached nor closed on logout: accepted, then
            # closed with 4013 "try again later" (a refusal before accepting was an HTTP 403 to the
            # browser, which could not tell it from "not allowed"), before anything is replayed.
            code = await refusal_code(communicator(cookie, path="/ws/?last_id=0"), timeout=10)
        assert code == 4013
    settings.CHANNEL_LAYERS = working  # Redis is back

    socket_ = await connected(cookie, path="/ws/?last_id=0")
    messages = await receive_until(socket_, "replayed")

    assert [m["id"] for m in messages if m["type"] == "notification"] == [saved.id]
    await socket_.disconnect()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_a_public_feed_followed_while_the_layer_is_unreachable_closes_the_socket_with_try_again_later(
    unreachable_layer, caplog
):
    from solidarite.notifications import consumers

    socket_ = await connected(None)  # a visitor: no groups of their own to join
    with caplog.at_level(logging.WARNING):
        await socket_.send_json_to({"type": "subscribe", "feed": "help-public", "key": ""})
        output = await socket_.receive_output(timeout=10)

    assert (output["type"], output.get("code")) == ("websocket.close", consumers.CLOSE_TRY_AGAIN)
    assert "not joined" in caplog.text
