"""Settings of bench/load.py's daphne processes: the live site's (tests/proof/live_settings.py), plus a bare
"hello" view (bench/hello_urls.py) that measures what Django itself sustains on the same processes.

The route exists only under these settings, which only the benchmark names: production's URLs (and the
permissions matrix that crawls them) never see it.
"""

from tests.proof.live_settings import *  # noqa: F403

ROOT_URLCONF = "bench.hello_urls"
