import pytest
from django.test import Client

from tests.factories import UserFactory

# Live suites (browser journeys, accessibility, API fuzzing, faults): one daphne server per run.
pytest_plugins = ["tests.proof.fixtures"]

PASSWORD = "motdepasse-solide-42"


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
