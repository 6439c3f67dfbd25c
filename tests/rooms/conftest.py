import datetime as dt

import pytest
from django.utils import timezone, translation

from associations.rooms.models import PARIS
from tests.rooms.factories import AssociationFactory, RoomFactory, manager_of


@pytest.fixture
def room(db):
    return RoomFactory()


@pytest.fixture
def association(db):
    return AssociationFactory()


@pytest.fixture
def manager(association):
    return manager_of(association)


@pytest.fixture
def slot():
    """Next-but-one Wednesday 14:00-16:00, Paris: far enough for any notice in the factories."""
    today = timezone.localdate()
    day = today + dt.timedelta(days=(2 - today.weekday()) % 7 + 14)
    start = dt.datetime.combine(day, dt.time(14)).replace(tzinfo=PARIS)
    return start, start + dt.timedelta(hours=2)


@pytest.fixture(autouse=True)
def french():
    """Service messages are asserted in French; a request in English elsewhere must not leak here."""
    with translation.override("fr"):
        yield
