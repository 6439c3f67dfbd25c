import datetime as dt
import os

import pytest
import time_machine
from django.core.cache import caches
from django.test import Client
from django.utils import translation

from tests.factories import UserFactory

# Live suites (browser journeys, accessibility, API fuzzing, faults): one daphne server per run.
pytest_plugins = ["tests.proof.fixtures"]

PASSWORD = "motdepasse-solide-42"

# No test may depend on the day it runs: every in-process test starts at this instant (Europe/Paris
# offset given) and the clock ticks from there. scripts/test runs the date-sensitive packages again at
# awkward instants (holidays, both DST changes, 29 February, the last minutes of a year, a Monday 00:05)
# by setting TEST_NOW. The live suites (marker slow) are left alone: their servers run in other
# processes, on the real clock, so what they book is computed from the real date.
TEST_NOW = dt.datetime.fromisoformat(os.environ.get("TEST_NOW", "2026-11-18T10:00:00+01:00"))


# What reads the calendar: bookings and opening hours, agendas, help windows and expiry, digests,
# support deadlines, monthly figures, review dates, account inactivity. scripts/test runs these
# (marker date_sensitive) once more at each of its awkward instants. The list names the files that
# compute with dates, not whole packages: six more runs of everything would cost CI more than the
# whole suite, for pages whose only date is the one they print.
DATE_SENSITIVE = (
    "tests/rooms/",
    "tests/help/test_posting.py",
    "tests/help/test_matching.py",
    "tests/help/test_workflow.py",
    "tests/help/test_resident_retention.py",
    "tests/support/test_stale.py",
    "tests/support/test_assignment.py",
    "tests/support/test_grant.py",
    "tests/support/test_in_kind_room.py",
    "tests/shops/test_opening_hours.py",
    "tests/shops/test_jsonld_hours.py",
    "tests/shops/test_initiatives.py",
    "tests/dashboard/test_figures.py",
    "tests/rights/test_review_alerts.py",
    "tests/grocery/",
    "tests/gardens/",
    "tests/rights/test_guide_pages.py",
    "tests/estimate/test_pages.py",
    "tests/estimate/test_mandate_estimate.py",
    "tests/agenda/",
    "tests/directory/test_actions.py",
    "tests/directory/test_invitations.py",
    "tests/accounts/test_inactive_accounts.py",
    "tests/solidarite/test_ical.py",
    "tests/lending/",
    "tests/giveaways/",
    "tests/repairs/",
    "tests/digital/",
    "tests/equipment/",
)


def pytest_collection_modifyitems(config, items):
    root = str(config.rootpath) + "/"
    for item in items:
        if str(item.path).removeprefix(root).startswith(DATE_SENSITIVE):
            item.add_marker(pytest.mark.date_sensitive)


@pytest.hookimpl(wrapper=True)
def pytest_collection(session):
    # Parameters computed while collecting (dates in parametrize lists) see the same instant as the tests.
    with time_machine.travel(TEST_NOW, tick=False):
        return (yield)


@pytest.fixture(autouse=True)
def clock(request):
    """The frozen-then-ticking clock of the test (``clock.shift(...)`` / ``clock.move_to(...)`` to travel)."""
    if request.node.get_closest_marker("slow"):
        yield None
        return
    with time_machine.travel(TEST_NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's default language: LocaleMiddleware activates a language for
    the thread and never resets it, so a test that requested an English page would otherwise leak."""
    translation.activate("fr")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty process caches (the cached list parts of solidarite.fragments)."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def staff(db):
    return UserFactory(staff=True)


@pytest.fixture
def client_for():
    """A test client signed in as the given user."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


def _declare_the_tests_kind():
    # The tests' own notifications (``notify(user, "test", {"title": …})``) bring their text: the one
    # kind declared without one. Every kind the code sends is declared by its app (notifications.kinds).
    from solidarite.notifications import kinds

    if kinds.registered("test") is None:
        kinds.register("test", title="", recipients="the tests")


_declare_the_tests_kind()
