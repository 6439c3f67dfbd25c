"""A live Solidarité: real daphne processes (HTTP + WebSocket) on free loopback ports.

Each ``LiveSite`` owns a database of its own (a fresh PostgreSQL database on the server named by
DATABASE_URL, or a temporary SQLite file), migrated and loaded with the demo data, a channel-layer
prefix of its own on Redis, and a mail folder the tests read like an inbox. The browser, fuzzing and
fault suites drive it; nothing they do touches the pytest database of the other suites.

These suites need Redis (a push made by a helper process reaches the server's sockets only through
a shared channel layer), so they run in the PostgreSQL + Redis pass of ``scripts/test``; set
LIVE_TESTS=0 to skip them, LIVE_TESTS=1 to insist (then a missing REDIS_URL fails loudly).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
DAPHNE = str(Path(PYTHON).with_name("daphne"))
SETTINGS = "tests.proof.live_settings"


def live_tests_reason() -> str | None:
    """Why the live suites cannot run here, or None when they can."""
    flag = os.environ.get("LIVE_TESTS", "")
    if flag == "0":
        return "LIVE_TESTS=0"
    if not os.environ.get("REDIS_URL"):
        if flag == "1":
            raise RuntimeError("LIVE_TESTS=1 but REDIS_URL is not set: the live suites need Redis.")
        return "the live suites run in the PostgreSQL + Redis pass (REDIS_URL not set)"
    if not Path("/usr/bin/chromium").exists() and flag == "1":
        raise RuntimeError("LIVE_TESTS=1 but /usr/bin/chromium is missing (apt-get install chromium).")
    return None


def skip_unless_live():
    reason = live_tests_reason()
    return pytest.mark.skipif(reason is not None, reason=reason or "")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _admin_url(database_url: str) -> str:
    parts = urlsplit(database_url)
    return urlunsplit(parts._replace(path="/postgres"))


def _with_db(database_url: str, name: str) -> str:
    return urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))


# Migrated demo databases, by PostgreSQL server: (template name, demo accounts).
_TEMPLATES: dict[str, tuple[str, dict]] = {}


def _drop_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _drop_database_quietly(admin_url: str, name: str) -> None:
    # At exit a private server may already be gone, and its databases with it.
    import psycopg

    with contextlib.suppress(psycopg.Error):
        _drop_database(admin_url, name)


class LiveSite:
    """One database, one channel-layer prefix, and as many daphne processes as a test starts."""

    def __init__(self, *, redis_url: str | None = None, database_url: str | None = None, name: str = "live"):
        self.tmp = Path(tempfile.mkdtemp(prefix=f"solidarite-{name}-"))
        self.mail_dir = self.tmp / "mail"
        self.mail_dir.mkdir()
        self.redis_url = redis_url if redis_url is not None else os.environ.get("REDIS_URL", "")
        self.prefix = f"solidarite-{name}-{uuid.uuid4().hex[:10]}"
        base = database_url if database_url is not None else os.environ.get("DATABASE_URL", "")
        if base.startswith(("postgres://", "postgresql://")):
            self.pg_admin = _admin_url(base)
            self.db_name = f"solidarite_{name}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
            self.database_url = _with_db(base, self.db_name)
        else:
            self.pg_admin = None
            self.db_name = None
            self.database_url = f"sqlite:///{self.tmp / 'live.sqlite3'}"
        self.servers: dict[int, subprocess.Popen] = {}
        self.accounts: dict[str, dict] = {}

    # --- environment ------------------------------------------------------------------------

    def env(self, **extra) -> dict:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PYTEST_", "DJANGO_")) and key not in ("DATABASE_URL", "REDIS_URL")
        }
        env.update(
            DJANGO_SETTINGS_MODULE=SETTINGS,
            DATABASE_URL=self.database_url,
            LIVE_MAIL_DIR=str(self.mail_dir),
            LIVE_CHANNEL_PREFIX=self.prefix,
            PYTHONPATH=str(ROOT),
        )
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        env.update({key: str(value) for key, value in extra.items()})
        return env

    def remote(self, command: str, **kwargs) -> dict:
        """Run a helper of ``tests.proof.remote`` against this site; return its JSON answer."""
        done = subprocess.run(
            [PYTHON, "-m", "tests.proof.remote", command, json.dumps(kwargs)],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=120,
        )
        if done.returncode != 0:
            raise RuntimeError(f"remote {command} failed:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    # --- lifecycle --------------------------------------------------------------------------

    def create(self) -> LiveSite:
        """Make the database: a copy of this run's migrated template when there is one (fast)."""
        if self.pg_admin:
            import psycopg

            template = _TEMPLATES.get(self.pg_admin)
            with psycopg.connect(self.pg_admin, autocommit=True) as conn:
                if template:
                    conn.execute(f'CREATE DATABASE "{self.db_name}" TEMPLATE "{template[0]}"')
                else:
                    conn.execute(f'CREATE DATABASE "{self.db_name}"')
            if template:
                self.accounts = dict(template[1])
                return self
        done = subprocess.run(
            [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0:
            raise RuntimeError(f"migrate failed:\n{done.stderr[-3000:]}")
        for row in self.remote("demo")["accounts"]:
            self.accounts.setdefault(row["role"], row)
            self.accounts[row["email"]] = row
        if self.pg_admin:
            self._make_template()
        return self

    def _make_template(self) -> None:
        """Keep a copy of the migrated demo database: the next sites of this run start from it."""
        import psycopg

        name = f"{self.db_name}_tpl"
        with psycopg.connect(self.pg_admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.db_name}"')
        _TEMPLATES[self.pg_admin] = (name, dict(self.accounts))
        atexit.register(_drop_database_quietly, self.pg_admin, name)

    def start(self, port: int | None = None, *, wait: float = 30.0, **env) -> str:
        """Start a daphne process (``env``: more variables for it); return its base URL once it answers."""
        port = port or free_port()
        url = f"http://127.0.0.1:{port}"
        log = open(self.tmp / f"daphne-{port}.log", "ab")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            # daphne drops a WebSocket handshake the app has not accepted within 5 s by default:
            # too short for a burst of sockets on 2 cores (the same choice as bench/ws_burst.py).
            [DAPHNE, "-b", "127.0.0.1", "-p", str(port), "--websocket_connect_timeout", "120"]
            + ["solidarite.asgi:application"],
            cwd=ROOT,
            env=self.env(SITE_URL=url, **env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        process.log_file = log
        self.servers[port] = process
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"daphne exited:\n{self.log(port)[-3000:]}")
            try:
                urllib.request.urlopen(url + "/healthz", timeout=2)  # noqa: S310 - our loopback server
                return url
            except urllib.error.HTTPError:
                return url  # it answers (503 is an answer: the layer may be down on purpose)
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"daphne did not answer on {url}:\n{self.log(port)[-3000:]}")

    def log(self, port: int) -> str:
        path = self.tmp / f"daphne-{port}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self, port: int, *, kill: bool = False) -> None:
        process = self.servers.pop(port)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        process.log_file.close()

    def close(self) -> None:
        for port in list(self.servers):
            self.stop(port)
        if self.pg_admin:
            _drop_database(self.pg_admin, self.db_name)
        shutil.rmtree(self.tmp, ignore_errors=True)

    # --- what a person would read -----------------------------------------------------------

    def mails_to(self, email: str) -> list[str]:
        """Bodies of the e-mails sent to ``email``, oldest first."""
        found = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
            for message in path.read_text(errors="replace").split("-" * 79):
                if f"To: {email}" in message:
                    found.append(message)
        return found
