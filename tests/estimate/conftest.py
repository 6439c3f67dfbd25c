from concurrent.futures import Future

import pytest
from django.utils import translation

from solidarite.estimate import engine, jobs


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


@pytest.fixture
def inline_pool(monkeypatch):
    """The pool's worker computes in this process (the tax-benefit system is loaded once per session)."""

    def submit(household, month):
        future = Future()
        future.set_result(engine.compute([household], month)[0])
        return future

    monkeypatch.setattr(jobs.pool, "submit", submit)


@pytest.fixture
def pending_pool(monkeypatch):
    """A worker that has not answered yet."""
    monkeypatch.setattr(jobs.pool, "submit", lambda household, month: Future())
