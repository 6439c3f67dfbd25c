"""A backup restores into a working site (the drill a town's IT department runs before going live).

pg_dump of a live site's database, pg_restore into an empty database, daphne on the copy: the same
public pages, the same accounts and passwords, and the triggers that keep the public lists fresh
(a write on the copy shows at once). The commands are the README's (Backups).
"""

from __future__ import annotations

import re
import shutil
import subprocess

import psycopg
import pytest
import requests

from tests.proof.live import LiveSite, live_tests_reason
from tests.proof.people import Person

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(live_tests_reason() is not None, reason=str(live_tests_reason())),
    pytest.mark.skipif(not shutil.which("pg_dump"), reason="PostgreSQL's client tools are not installed"),
]


def association_names(base_url: str) -> list[str]:
    html = requests.get(base_url + "/associations/", timeout=10).text
    return re.findall(r'<h3><a href="/associations/[^"]+/">([^<]+)</a></h3>', html)


def test_a_dump_restored_into_an_empty_database_serves_the_same_site(tmp_path):
    source = LiveSite(name="backup")
    if not source.pg_admin:
        pytest.skip("the backup drill is PostgreSQL's (DATABASE_URL)")
    copy = LiveSite(name="restored")
    try:
        source.create()
        dump = tmp_path / "solidarite.dump"
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", source.database_url], check=True, timeout=120
        )
        with psycopg.connect(copy.pg_admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{copy.db_name}"')
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={copy.database_url}", str(dump)],
            check=True,
            timeout=120,
        )

        original, restored = source.start(), copy.start()
        names = association_names(original)
        assert names and association_names(restored) == names
        neighbour = source.accounts["neighbour"]
        Person(restored, neighbour["email"], neighbour["password"])  # the password hashes came along

        # The agenda's part is now kept by the copy's server: only a renewed token shows the new action.
        assert "Goûter après restauration" not in requests.get(restored + "/agenda/", timeout=10).text
        manager = source.accounts["association manager (support)"]
        copy.remote(
            "new_action",
            association="epicerie-solidaire-pont-rousseau",
            title="Goûter après restauration",
            manager=manager["email"],
        )
        assert "Goûter après restauration" in requests.get(restored + "/agenda/", timeout=10).text
        assert "Goûter après restauration" not in requests.get(original + "/agenda/", timeout=10).text
    finally:
        source.close()
        copy.close()
