"""The action page counts people in good French: 0 and 1 take the singular ("0 s'est proposé")."""

import pytest

from associations.directory import actions
from tests.directory.factories import ActionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def action():
    return ActionFactory(wants_volunteers=True, volunteers_needed=1)


def page(client, action, language="fr"):
    return client.get(action.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_nobody_yet_reads_in_the_singular_in_french(client, action):
    html = page(client, action)
    assert "0 s'est proposé" in html and "0 personne vient" in html
    assert "1 bénévole cherché" in html
    assert "se sont proposés" not in html and "personnes viennent" not in html


def test_two_people_read_in_the_plural_in_french(client, action):
    for _ in range(2):
        actions.participate(action=action, user=UserFactory(), kind="volunteer")
        actions.participate(action=action, user=UserFactory(), kind="attend")
    html = page(client, action)
    assert "2 se sont proposés" in html and "2 personnes viennent" in html


def test_english_keeps_the_plural_for_zero(client, action):
    html = page(client, action, language="en")
    assert "0 have offered" in html and "0 people are coming" in html
    assert "1 volunteer needed" in html
