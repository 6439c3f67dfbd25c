import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import translation

from tests.factories import UserFactory

# Live suites (browser journeys, accessibility, API fuzzing, faults): one daphne server per run.
pytest_plugins = ["tests.proof.fixtures"]

PASSWORD = "motdepasse-solide-42"


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
