"""A small, hand-checked world: period July 2025 – June 2026 seen from 15 June 2026."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from associations.directory.models import Action, Participation
from associations.rooms.models import Booking, Room
from solidarite.dashboard.figures import Period
from solidarite.help.models import Category, HelpOffer, HelpRequest, Match
from tests.factories import UserFactory, quartier
from tests.support.factories import AssociationFactory

PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=PARIS)


def at(month, day, hour=10, year=2026):
    return dt.datetime(year, month, day, hour, 0, tzinfo=PARIS)


def point(where):
    return {
        "latitude": 47.18,
        "longitude": -1.55,
        "public_latitude": 47.18,
        "public_longitude": -1.55,
        "quartier": where,
    }


@pytest.fixture
def period():
    return Period.last_months(12, NOW)


@pytest.fixture
def world(db):
    author = UserFactory()
    courses = Category.objects.create(name="Test courses", slug="test-courses", position=1)
    bricolage = Category.objects.create(name="Test bricolage", slug="test-bricolage", position=2)
    pont_rousseau, ragon = quartier("pont-rousseau"), quartier("ragon")

    def request(created, category, where, status):
        return HelpRequest.objects.create(
            author=author,
            category=category,
            description="Besoin d'un coup de main",
            window_start=created,
            window_end=created + dt.timedelta(days=3),
            status=status,
            created_at=created,
            **point(where),
        )

    r1 = request(at(5, 3), courses, pont_rousseau, "done")
    r2 = request(at(5, 10), courses, pont_rousseau, "expired")
    r3 = request(at(5, 20), bricolage, ragon, "matched")
    request(at(6, 2), courses, ragon, "open")
    request(at(6, 5), bricolage, pont_rousseau, "hidden")
    request(at(6, 6), courses, ragon, "closed")
    request(at(3, 2, year=2025), courses, pont_rousseau, "done")  # before the period

    offers = [
        HelpOffer.objects.create(author=UserFactory(), description="Je peux aider", radius_km=2, **point(pont_rousseau))
        for _ in range(2)
    ]

    def match(help_request, offer, hours, status="proposed"):
        Match.objects.create(
            request=help_request,
            offer=offer,
            score=1,
            explanation="test",
            status=status,
            created_at=help_request.created_at + dt.timedelta(hours=hours),
        )

    match(r1, offers[0], 2, "done")
    match(r1, offers[1], 5, "declined")
    match(r2, offers[0], 30, "declined")
    match(r3, offers[0], 10, "accepted")

    association = AssociationFactory()

    def action(start, status="published"):
        return Action.objects.create(
            association=association,
            title="Collecte",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            status=status,
        )

    a1, a3 = action(at(5, 15)), action(at(6, 1))
    action(at(5, 20), status="cancelled")
    for kind in ("volunteer", "volunteer", "attend"):
        Participation.objects.create(action=a1, user=UserFactory(), kind=kind)
    Participation.objects.create(action=a3, user=UserFactory(), kind="volunteer")

    room_a = Room.objects.create(name="Salle A", slug="salle-a", address="Rezé", capacity=10, opening_hours="24/7")
    Room.objects.create(name="Salle B", slug="salle-b", address="Rezé", capacity=10, opening_hours="24/7")

    def booking(start, hours, status="confirmed"):
        Booking.objects.create(
            room=room_a,
            association=association,
            title="Réunion",
            start=start,
            end=start + dt.timedelta(hours=float(hours)),
            status=status,
        )

    booking(at(5, 10, 14), 3)
    booking(at(6, 3, 9), Decimal("1.5"))
    booking(at(6, 4, 9), 2, status="refused")
    return {"association": association}
