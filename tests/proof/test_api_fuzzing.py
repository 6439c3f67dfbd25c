"""Schemathesis reads /api/v1/schema/ and sends what it generates to the live server, as a visitor,
a signed-in neighbour (who owns nothing) and city staff.

It runs as a developer runs it, through its CLI, with the phases examples, coverage (every boundary
and invalid value the schema defines, every undocumented method) and fuzzing (random cases, at most
API_FUZZ_EXAMPLES per operation), a fixed seed, and these checks: no server error, and every
response as the schema says (status code listed, content type, headers, body). The run's JSON
report and its text are kept in test-artifacts/schemathesis/; a failure prints the command that
reproduces it.

The visitor's run covers the reads: a visitor's write is refused by authentication before any view
runs (the permissions matrix requests every route as a visitor, test_bad_input every write with a
bad body). Staff may hide, decide and delete what other live tests read: the staff run has a live
site, and a database, of its own.

Measured on 2 cores shared with other test runs: 46 s (visitor, 1,140 cases), 222 s (neighbour,
4,695 cases), 256 s (staff, 4,697 cases); the coverage phase is most of it and has no example cap.
"""

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from tests.proof.live import ROOT, LiveSite, live_tests_reason

pytestmark = [pytest.mark.slow, pytest.mark.skipif(live_tests_reason() is not None, reason=str(live_tests_reason()))]

SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))
SEED = 20261207
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "5"))
PHASES = "examples,coverage,fuzzing"
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    ]
)
ARTIFACTS = ROOT / "test-artifacts" / "schemathesis"


def schemathesis(role: str, base_url: str, *options: str) -> dict:
    """Run schemathesis against ``base_url``; return its JSON report (failures, errors, operations)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = ARTIFACTS / f"{role}.json"
    report.unlink(missing_ok=True)
    command = [
        SCHEMATHESIS,
        "run",
        f"{base_url}/api/v1/schema/",
        f"--phases={PHASES}",
        f"--seed={SEED}",
        f"--max-examples={EXAMPLES}",
        f"--checks={CHECKS}",
        "--workers=1",
        "--generation-database=none",
        "--request-timeout=30",
        "--no-color",
        "--report=json",
        f"--report-json-path={report}",
        *options,
    ]
    # In the artifacts folder: schemathesis keeps there what `st replay <id>` needs.
    done = subprocess.run(command, cwd=ARTIFACTS, capture_output=True, text=True, timeout=1200)
    (ARTIFACTS / f"{role}.txt").write_text(done.stdout + done.stderr)
    assert report.exists(), f"schemathesis wrote no report:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    result = json.loads(report.read_text())
    result["text"] = done.stdout
    result["command"] = shlex.join(
        part.split("Bearer ")[0] + "Bearer …" if "Bearer " in part else part for part in command
    )
    return result


def assert_clean(result: dict, *, at_least: int) -> None:
    assert result["complete"], result["text"][-3000:]
    assert result["operations"]["tested"] >= at_least, "the schema lists suspiciously few operations"
    assert result["test_cases"]["generated"] > 10 * at_least
    found = [f"{failure['code']} {failure['title']}: {failure['count']}" for failure in result["failures"]]
    found += [f"error: {error}" for error in result["errors"]]
    if found:
        start = result["text"].find("FAILURES")
        details = result["text"][start : start + 8000] if start >= 0 else result["text"][-8000:]
        pytest.fail(
            "0 server errors and 0 responses outside the schema expected; found:\n"
            + "\n".join(found)
            + f"\n\n{details}\n\nReproduce with:\n{result['command']}"
        )


@pytest.fixture(scope="module")
def staff_site():
    site = LiveSite(name="fuzz_staff").create()
    site.url = site.start()
    yield site
    site.close()


def test_the_api_answers_a_visitors_reads_as_its_schema_says(live_site):
    result = schemathesis("visitor", live_site.url, "--include-method=GET")
    assert_clean(result, at_least=20)


def test_the_api_answers_a_signed_in_neighbour_as_its_schema_says(live_site):
    token = live_site.remote("new_neighbour", email="fuzz@exemple.fr", password="fuzz-mot-de-passe-2026")["token"]
    result = schemathesis("neighbour", live_site.url, f"--header=Authorization: Bearer {token}")
    assert_clean(result, at_least=60)


def test_the_api_answers_city_staff_as_its_schema_says(staff_site):
    token = staff_site.remote(
        "new_neighbour", email="fuzz-agent@exemple.fr", password="fuzz-agent-mot-de-passe-2026", staff=True
    )["token"]
    result = schemathesis("staff", staff_site.url, f"--header=Authorization: Bearer {token}")
    assert_clean(result, at_least=60)


@pytest.mark.parametrize(
    ("path", "body", "content_type"),
    [
        # An empty multipart body (its closing boundary only): Twisted's parser gave up on it.
        ("/api/v1/notifications/mark-read/", b"--limite--\r\n", "multipart/form-data; boundary=limite"),
        # A field name outside ASCII (django/daphne#447).
        (
            "/compte/connexion/",
            b'--limite\r\nContent-Disposition: form-data; name="pr\xc3\xa9nom"\r\n\r\nZo\xc3\xa9\r\n--limite--\r\n',
            "multipart/form-data; boundary=limite",
        ),
    ],
)
def test_a_form_body_twisted_cannot_parse_reaches_django(live_site, path, body, content_type):
    # Found by the fuzzing: daphne's Twisted parsed form bodies itself and answered a bare 400 (no
    # body, no content type, nothing in Django's log) when its parser failed.
    response = requests.post(live_site.url + path, data=body, headers={"Content-Type": content_type}, timeout=10)
    assert response.headers.get("Content-Type"), (response.status_code, response.content)
    assert response.status_code in (401, 403)  # Django's answers: no credentials, no CSRF cookie
