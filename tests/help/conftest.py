import pytest

from tests.factories import UserFactory
from tests.help.factories import make_offer, make_request


@pytest.fixture
def requester(db):
    return UserFactory(display_name="Hélène", phone="06 11 11 11 11", share_phone=True, contact_note="le soir")


@pytest.fixture
def offerer(db):
    return UserFactory(display_name="Yann", phone="07 22 22 22 22", share_phone=True)


@pytest.fixture
def third(db):
    return UserFactory(display_name="Curieux")


@pytest.fixture
def matched(requester, offerer, django_capture_on_commit_callbacks):
    """An offer, then a request it matches: returns the Match (proposed)."""
    with django_capture_on_commit_callbacks(execute=True):
        make_offer(offerer)
    with django_capture_on_commit_callbacks(execute=True):
        help_request = make_request(requester)
    return help_request.matches.get()


@pytest.fixture
def accepted(matched, requester, offerer, django_capture_on_commit_callbacks):
    from solidarite.help import matches

    with django_capture_on_commit_callbacks(execute=True):
        matches.transition(match=matched, by=offerer, name="offer_help")
        matches.transition(match=matched, by=requester, name="accept")
    matched.refresh_from_db()
    return matched
