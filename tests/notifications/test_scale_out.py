"""Scale-out: two daphne processes share one Redis; a push made in one reaches a socket on the other."""

import asyncio
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis
import websockets

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
START_TIMEOUT_S = 60

MAKE_USER = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from solidarite.accounts.models import ApiToken, User

user = User.objects.create_user("EMAIL", "motdepasse-solide-42", display_name="Odile")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "solidarite.accounts.backends.EmailBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(json.dumps({"session": session.session_key, "token": ApiToken.objects.issue(user=user, name="test")[1]}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, headers: dict | None = None, method: str = "GET", body: bytes | None = None):
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)  # noqa: S310 (our 127.0.0.1 servers)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status, json.loads(response.read() or b"null")


@pytest.fixture(scope="module")
def redis_url():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.fail(f"The scale-out test needs Redis at {REDIS_URL} (set TEST_REDIS_URL): {error}")
    return REDIS_URL


@pytest.fixture(scope="module")
def server_env(tmp_path_factory, redis_url):
    tmp_path = tmp_path_factory.mktemp("scale-out")
    prefix = f"solidarite-scaleout-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DJANGO_SETTINGS_MODULE="solidarite.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SECRET_KEY=secrets.token_urlsafe(64),
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        STATIC_MANIFEST="false",
        REDIS_URL=redis_url,
        CHANNEL_LAYER_PREFIX=prefix,
        LOG_LEVEL="WARNING",
    )
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert migrate.returncode == 0, migrate.stderr[-3000:]
    yield env
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"{prefix}*"))
    if keys:
        client.delete(*keys)


@pytest.fixture(scope="module")
def servers(server_env, tmp_path_factory):
    """Two daphne processes on two ports, one SQLite file, one Redis: stopped whatever happens."""
    tmp_path = tmp_path_factory.mktemp("logs")
    processes = []

    def launch(name: str):
        port = free_port()
        log_path = tmp_path / f"daphne-{name}.log"
        log = open(log_path, "w")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "solidarite.asgi:application"],
            cwd=ROOT,
            env=server_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        processes.append((process, log))
        return process, log_path, f"http://127.0.0.1:{port}"

    def wait_ready(process, log_path, base) -> str:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"daphne exited: {log_path.read_text()[-3000:]}")
            try:
                status, health = get(f"{base}/healthz")
                assert (status, health["channel_layer"]) == (200, "ok"), health
                return base
            except (urllib.error.URLError, ConnectionError, TimeoutError):  # not up yet, or still loading
                if time.monotonic() > deadline:
                    pytest.fail(f"daphne at {base} did not answer within {START_TIMEOUT_S} s")
                time.sleep(0.2)

    try:
        launched = [launch("a"), launch("b")]  # both start at once
        yield tuple(wait_ready(*one) for one in launched)
    finally:
        for process, log in processes:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()


def make_user(env, email: str) -> dict:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", MAKE_USER.replace("EMAIL", email)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


async def test_a_notification_made_on_one_server_reaches_a_socket_on_the_other(server_env, servers):
    server_a, server_b = servers
    assert server_a != server_b
    account = make_user(server_env, "deux-serveurs@exemple.fr")
    ws_b = server_b.replace("http://", "ws://") + "/ws/?last_id=0"

    async with websockets.connect(
        ws_b,
        origin=server_b,
        additional_headers={"Cookie": f"sessionid={account['session']}"},
        proxy=None,
        open_timeout=10,
    ) as socket_on_b:
        replayed = json.loads(await asyncio.wait_for(socket_on_b.recv(), 30))
        assert replayed == {"type": "replayed", "last_id": 0, "unread": 0}  # signed in, nothing missed yet

        status, profile = await asyncio.to_thread(
            get,
            f"{server_a}/api/v1/me/",
            {"Authorization": f"Token {account['token']}", "Content-Type": "application/json"},
            "PATCH",
            json.dumps({"contact_note": "Plutôt le soir"}).encode(),
        )
        assert (status, profile["contact_note"]) == (200, "Plutôt le soir")

        message = json.loads(await asyncio.wait_for(socket_on_b.recv(), 30))

    assert message["type"] == "notification"
    assert message["kind"] == "accounts.profile_updated"
    assert message["unread"] == 1
    status, listed = await asyncio.to_thread(
        get, f"{server_a}/api/v1/notifications/", {"Authorization": f"Token {account['token']}"}
    )
    assert [n["id"] for n in listed["results"]] == [message["id"]]


async def test_a_socket_from_another_origin_is_refused_by_a_real_server(server_env, servers):
    server = servers[0]
    account = make_user(server_env, "origine@exemple.fr")
    with pytest.raises(websockets.InvalidStatus) as refused:
        await websockets.connect(
            server.replace("http://", "ws://") + "/ws/",
            origin="http://evil.example",
            additional_headers={"Cookie": f"sessionid={account['session']}"},
            proxy=None,
            open_timeout=10,
        )
    assert refused.value.response.status_code == 403
