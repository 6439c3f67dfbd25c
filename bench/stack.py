"""The benches' stack: a daphne process on a free port, a throw-away PostgreSQL database and channel-layer
prefix with Django set up on them, and signed-in session rows for the sockets. Shared by bench/live.py,
post_notify.py, ws_burst.py, surplus_live.py and gifts_live.py."""

import contextlib
import os
import resource
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent

HANDSHAKE_TIMEOUT_S = 60
START_TIMEOUT_S = 60


def raise_nofile_limit() -> None:
    """Each socket is a file descriptor on both sides: lift the soft limit to the hard one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Daphne:
    """One daphne process on a free loopback port, stopped whatever happens.

    ``backlog``: the listen queue of its socket (Twisted's default is 50: a burst of handshakes
    overflows it, the kernel drops the extra SYNs and clients retry after 1, 3, 7 s; capped by
    net.core.somaxconn). ``handshake_timeout``: how long daphne lets a socket wait to be accepted."""

    def __init__(
        self,
        env: dict,
        app: str,
        log_path: Path,
        *,
        backlog: int = 0,
        handshake_timeout: int = HANDSHAKE_TIMEOUT_S,
        cwd: Path = ROOT,
    ):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        endpoint = (
            ("-e", f"tcp:port={self.port}:interface=127.0.0.1:backlog={backlog}")
            if backlog
            else ("-b", "127.0.0.1", "-p", str(self.port))
        )
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "daphne", *endpoint),
                *("--websocket_connect_timeout", str(handshake_timeout)),
                app,
            ],
            cwd=cwd,  # another tree's code: a baseline from an older commit (bench/post_notify.py)
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            preexec_fn=raise_nofile_limit,  # noqa: PLW1509 (no threads yet in this process)
        )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"daphne exited: {self.log_path.read_text()[-2000:]}")
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            time.sleep(0.2)
        raise RuntimeError(f"daphne did not answer within {START_TIMEOUT_S} s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def rss_kb(self) -> int:
        """Resident memory of the process now, in KiB (VmRSS)."""
        for row in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if row.startswith("VmRSS:"):
                return int(row.split()[1])
        raise RuntimeError("no VmRSS for daphne")

    def cpu_s(self) -> float:
        """CPU seconds (user + system) the process has used so far, all its threads."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def log_count(self, needle: str) -> int:
        return self.log_path.read_text(errors="replace").count(needle)


def pg_admin(url: str, db: str | None = None) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{db or 'postgres'}"))


def database_args(parser) -> None:
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL server; a throw-away database is created on it",
    )
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))


@contextlib.contextmanager
def throwaway_stack(args, label: str, **extra_env: str):
    """A throw-away PostgreSQL database and channel-layer prefix, the daphne environment for them (plus
    ``extra_env``), and Django set up in this process on the same database; everything dropped
    afterwards. Yields (env, prefix, tmp directory for the servers' logs)."""
    import psycopg
    import redis

    raise_nofile_limit()
    redis.Redis.from_url(args.redis_url, socket_connect_timeout=2).ping()
    db_name = f"bench_{label}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(pg_admin(args.database_url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{db_name}"')
    prefix = f"bench-{label}-{uuid.uuid4().hex[:8]}"
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-{label}-"))
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DJANGO_SETTINGS_MODULE="solidarite.settings",
        DATABASE_URL=pg_admin(args.database_url, db_name),
        REDIS_URL=args.redis_url,
        CHANNEL_LAYER_PREFIX=prefix,
        SECRET_KEY=secrets.token_urlsafe(64),
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        STATIC_MANIFEST="false",
        LOG_LEVEL="WARNING",
        API_USER_RATE="100000/minute",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "bench")]),
        **extra_env,
    )
    os.environ.update(env)
    import django

    django.setup()
    try:
        yield env, prefix, tmp
    finally:
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        with psycopg.connect(pg_admin(args.database_url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        client = redis.Redis.from_url(args.redis_url)
        keys = list(client.scan_iter(f"{prefix}*"))
        if keys:
            client.delete(*keys)
        if not os.environ.get("BENCH_KEEP_LOGS"):
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"logs kept in {tmp}")


def session_for(user, store, now):
    """A signed-in session row for ``user`` (its key is the cookie a socket sends)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.models import Session

    key = secrets.token_hex(16)
    data = {
        SESSION_KEY: str(user.pk),
        BACKEND_SESSION_KEY: "solidarite.accounts.backends.EmailBackend",
        HASH_SESSION_KEY: user.get_session_auth_hash(),
    }
    return Session(session_key=key, session_data=store.encode(data), expire_date=now + timedelta(days=1)), key


def signed_in(users, now) -> list[tuple[int, str]]:
    """A session row for each of ``users`` (one INSERT): [(user id, session key)], what the sockets send."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    store = SessionStore()
    sessions, people = [], []
    for user in users:
        session, key = session_for(user, store, now)
        sessions.append(session)
        people.append((user.pk, key))
    Session.objects.bulk_create(sessions)
    return people


def analyze() -> None:
    """A database in service has statistics (autovacuum analyses tables as rows change); tables filled a
    second ago have none, and the planner then joins every post to every candidate."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
