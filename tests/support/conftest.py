import pytest

from tests.factories import UserFactory
from tests.support.factories import AssociationFactory, EnvelopeFactory, SupportRequestFactory, manager_of

# A Luhn-valid SIRET made up for tests (no real body is implied).
TEST_TOWN_SIRET = "12345678200002"


@pytest.fixture
def association(db):
    return AssociationFactory()


@pytest.fixture
def manager(association):
    return manager_of(association)


@pytest.fixture
def reviewer(db):
    return UserFactory(staff=True, display_name="Camille (mairie)")


@pytest.fixture
def envelope(db):
    return EnvelopeFactory()


@pytest.fixture
def draft(association, manager):
    return SupportRequestFactory(association=association, created_by=manager)


@pytest.fixture
def in_review(association, manager, reviewer):
    return SupportRequestFactory(association=association, created_by=manager, state="in_review", reviewer=reviewer)
