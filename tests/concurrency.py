"""Calls started at the same moment, each in its own thread and so on its own database connection."""

import threading
import time

from django.db import connections


def race(calls, *, timeout=120) -> list:
    """Run every call at once; return what each returned or raised (the exception itself), in the
    order they finished. Fails when a call has not finished within ``timeout`` seconds: a missing
    outcome would otherwise pass every assertion made on the others."""
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def run(call):
        try:
            barrier.wait(timeout=20)
            outcomes.append(call())
        except Exception as error:  # noqa: BLE001 - the caller's assertions show it
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    running = sum(thread.is_alive() for thread in threads)
    assert running == 0, f"{running} of {len(calls)} calls still running after {timeout} s"
    assert len(outcomes) == len(calls), outcomes
    return outcomes


def described(outcomes: list, *, refusal: type[Exception], ok: str) -> list[str]:
    """Each outcome as ``ok``, the refusal's message, or the unexpected error (so that an assertion
    on the messages fails and shows it)."""

    def describe(outcome):
        if isinstance(outcome, refusal):
            return outcome.messages[0]
        if isinstance(outcome, Exception):
            return f"unexpected {type(outcome).__name__}: {outcome}"
        return ok

    return [describe(outcome) for outcome in outcomes]
