"""PostgreSQL restarted under load: requests fail cleanly, in French, then everything recovers.

A private PostgreSQL cluster (initdb in a temporary folder, its own port; the shared server is
never touched) serves a live site while a client keeps reading pages. The server is stopped, then
started again: meanwhile every answer is either the page or the French error page (no hang, no
reset connection), /healthz says the database is down, and once it is back pages are served again.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests

from tests.proof.live import LiveSite, free_port, live_tests_reason

PG_BIN = Path(shutil.which("pg_ctl") or "/usr/lib/postgresql/15/bin/pg_ctl").resolve().parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(live_tests_reason() is not None, reason=str(live_tests_reason())),
    pytest.mark.skipif(not (PG_BIN / "initdb").exists(), reason="PostgreSQL's initdb is not installed"),
    pytest.mark.skipif(os.geteuid() != 0 and not shutil.which("initdb"), reason="cannot run initdb"),
]


class PrivatePostgres:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="solidarite-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        # PostgreSQL refuses to run as root: as root, run it as the "postgres" system user.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *args], check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"), "-w", "start"
        )

    def stop(self) -> None:
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="module")
def private_postgres():
    server = PrivatePostgres()
    server.init()
    server.start()
    yield server
    server.remove()


def test_pages_fail_in_french_while_postgresql_restarts_then_recover(private_postgres):
    site = LiveSite(database_url=private_postgres.url, name="pgrestart").create()
    try:
        url = site.start()
        answers: list[tuple[float, int, str]] = []
        stop = threading.Event()

        def read_pages():
            while not stop.is_set():
                try:
                    response = requests.get(url + "/associations/", timeout=20)
                    answers.append((time.monotonic(), response.status_code, response.text))
                except requests.RequestException as error:  # a hang or a reset: what must not happen
                    answers.append((time.monotonic(), 0, repr(error)))
                time.sleep(0.05)

        reader = threading.Thread(target=read_pages, daemon=True)
        reader.start()
        time.sleep(2)
        private_postgres.stop()
        down_since = time.monotonic()
        time.sleep(3)
        health = requests.get(url + "/healthz", timeout=20)
        assert health.status_code == 503 and health.json()["database"] == "error"
        private_postgres.start()
        back_since = time.monotonic()
        time.sleep(4)
        stop.set()
        reader.join(timeout=30)

        assert answers and all(code in (200, 500) for _, code, _ in answers), {c for _, c, _ in answers}
        failed = [text for _, code, text in answers if code == 500]
        assert failed, "no request fell in the outage: the test proved nothing"
        assert all("Le service est momentanément indisponible" in text for text in failed)
        assert all(code == 200 for at, code, _ in answers if at < down_since - 0.5)
        recovered = [code for at, code, _ in answers if at > back_since + 1]
        assert recovered and all(code == 200 for code in recovered)
        assert requests.get(url + "/healthz", timeout=20).status_code == 200
    finally:
        site.close()
