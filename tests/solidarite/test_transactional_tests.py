"""Every transactional test keeps the rows the migrations seeded (``serialized_rollback=True``).

A transactional test empties the database when it ends. Without ``serialized_rollback``, Django then
runs post_migrate again, which writes the content types anew; the next transactional test that
restores the serialized rows (quartiers, categories… and content types) hits their unique key — an
error that only shows when two such tests meet in one worker, in whatever order xdist gives them.
"""

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
MARK = re.compile(r"django_db\(([^)]*)\)")


def test_every_transactional_test_restores_the_seeded_rows():
    offenders = [
        f"{path.relative_to(TESTS.parent)}:{text[: match.start()].count(chr(10)) + 1}"
        for path in sorted(TESTS.rglob("*.py"))
        for text in [path.read_text()]
        for match in MARK.finditer(text)
        if "transaction=True" in match.group(1) and "serialized_rollback=True" not in match.group(1)
    ]
    assert offenders == [], "add serialized_rollback=True (docs/traps.md): " + ", ".join(offenders)
