import pytest
from django.utils import translation

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def giver(db):
    return UserFactory(display_name="Jeanne", phone="06 12 34 56 78", share_phone=True, contact_note="après 18 h")


@pytest.fixture
def wisher(db):
    return UserFactory(display_name="Karim", phone="07 98 76 54 32", share_phone=True)


@pytest.fixture
def third(db):
    return UserFactory(display_name="Curieux")
