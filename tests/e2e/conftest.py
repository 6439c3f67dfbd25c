import pytest

from tests.proof.live import live_tests_reason

# Every test here drives the live daphne server with Chromium: long, and only in the Redis pass.
_reason = live_tests_reason()
pytestmark = [pytest.mark.slow]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.slow)
            if _reason:
                item.add_marker(pytest.mark.skip(reason=_reason))
