"""The race harness of the concurrency tests fails when a call never finishes: its missing outcome
would otherwise pass every assertion made on the others (20 bookings tried, 1 "ok", 0 refusals)."""

import threading

import pytest

from tests.concurrency import race


def test_a_call_still_running_at_the_deadline_fails_the_race():
    release = threading.Event()
    try:
        with pytest.raises(AssertionError, match="1 of 2 calls still running"):
            race([lambda: "ok", lambda: release.wait(30)], timeout=0.5)
    finally:
        release.set()


def test_every_outcome_comes_back_when_every_call_finishes():
    assert sorted(race([lambda: 1, lambda: 2, lambda: 3], timeout=10)) == [1, 2, 3]
