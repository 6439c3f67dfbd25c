"""daphne stops promptly on SIGTERM (a deployment, a scale-down, ``docker stop``).

A process that has served pages holds the objects it made since start-up; on exit the interpreter
collected them again while tearing its modules down: 1.2-1.7 s after 100-200 pages on this
2-core machine, over 2 s on a busy one, during which a rolling restart waits. With nothing open the
stop must be quick (solidarite/asgi.py freezes the heap at exit).
"""

from __future__ import annotations

import re
import signal
import time
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from tests.proof.live import free_port, skip_unless_live

pytestmark = [pytest.mark.slow, skip_unless_live()]

PAGES = 150  # distinct public pages served before the stop (the heap grows with them)
STOP_BOUND_S = 1.0  # the issue asked for < 2 s. Measured here: 0.2-0.4 s; 1.2-1.7 s before the fix
SKIPPED = re.compile(r"^/(admin|static|media|ws|i18n)/|deconnexion|\.(ics|csv|xml|json|rss|atom|pdf|png)$")


def _crawl(base_url: str, pages: int) -> int:
    """A visitor following the site's own links, breadth first; how many pages answered."""
    seen, todo, answered = set(), ["/"], 0
    while todo and len(seen) < pages:
        path = todo.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = requests.get(base_url + path, timeout=30)
        if response.status_code != 200 or "text/html" not in response.headers.get("Content-Type", ""):
            continue
        answered += 1
        for href in re.findall(r'href="([^"#]+)"', response.text):
            link = urlsplit(urljoin(base_url + path, href))
            if f"{link.scheme}://{link.netloc}" == base_url and not SKIPPED.search(link.path):
                todo.append(link.path + (f"?{link.query}" if link.query else ""))
    return answered


def test_a_process_that_served_pages_stops_within_a_second_of_sigterm(live_site):
    port = free_port()
    base_url = live_site.start(port)  # a process of its own, on the live site's database
    assert _crawl(base_url, PAGES) > PAGES // 2

    process = live_site.servers[port]
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    returncode = process.wait(timeout=30)
    took = time.monotonic() - started
    live_site.stop(port)  # already gone: forgets it, closes its log

    assert returncode == 0
    assert took < STOP_BOUND_S, f"daphne took {took:.2f} s to stop"
