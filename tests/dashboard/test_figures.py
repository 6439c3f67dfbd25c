"""Every figure checked against numbers computed by hand from the fixture in conftest.py."""

from decimal import Decimal

from django.utils import timezone

from associations.support import services
from solidarite.dashboard import figures
from tests.factories import UserFactory
from tests.support.factories import EnvelopeFactory, SupportRequestFactory


def test_help_requests_met_and_unmet_by_month(world, period):
    table = figures.help_by_month(period)
    assert len(table.rows) == 12 and table.rows[0][0] == "juillet 2025" and table.rows[-1][0] == "juin 2026"
    by_month = {row[0]: row[1:] for row in table.rows}
    assert by_month["mai 2026"] == [2, 1, 0]
    assert by_month["juin 2026"] == [0, 1, 1]
    assert sum(sum(values) for values in by_month.values()) == 5  # hidden and out-of-period left out


def test_help_requests_by_category(world, period):
    rows = {row[0]: row[1:] for row in figures.help_by_category(period).rows}
    assert rows == {
        "Test bricolage": [1, 0, 0, Decimal("1.00")],
        "Test courses": [1, 2, 1, Decimal("0.33")],
    }


def test_help_requests_by_quartier(world, period):
    rows = {row[0]: row[1:] for row in figures.help_by_quartier(period).rows}
    assert rows == {"Pont-Rousseau": [1, 1, 0, Decimal("0.50")], "Ragon": [1, 1, 1, Decimal("0.50")]}


def test_time_to_first_match(world, period):
    rows = {row[0]: row[1:] for row in figures.time_to_first_match(period).rows}
    assert rows["Test courses"] == [2, Decimal("16.0"), Decimal("16.0")]
    assert rows["Test bricolage"] == [1, Decimal("10.0"), Decimal("10.0")]
    assert rows["Toutes catégories"] == [3, Decimal("10.0"), Decimal("14.0")]


def test_actions_and_volunteers_by_month(world, period):
    rows = {row[0]: row[1:] for row in figures.actions_by_month(period).rows}
    assert rows["mai 2026"] == [1, 2, 1]
    assert rows["juin 2026"] == [1, 1, 0]
    assert rows["avril 2026"] == [0, 0, 0]


def test_room_occupancy(world, period):
    rows = {row[0]: row[1:] for row in figures.room_occupancy(period).rows}
    assert rows == {"Salle A": [2, Decimal("4.5")], "Salle B": [0, Decimal("0.0")]}


def test_support_by_state_and_envelopes(world):
    association = world["association"]
    staff = UserFactory(staff=True)
    envelope = EnvelopeFactory(amount=Decimal("5000.00"), label="Soutiens")
    SupportRequestFactory(association=association, state="submitted", amount_requested=Decimal("1000"))
    SupportRequestFactory(association=association, state="in_review", amount_requested=Decimal("500"))
    SupportRequestFactory(association=association, amount_requested=Decimal("9999"))  # a draft: not counted
    granted = SupportRequestFactory(association=association, state="in_review", amount_requested=Decimal("1500"))
    services.grant(support_request=granted, by=staff, envelope=envelope, amount="1200", decision_reference="D-1")

    rows = {row[0]: row[1:] for row in figures.support_by_state().rows}
    assert rows["déposée"] == [1, Decimal("1000.00"), Decimal("0.00")]
    assert rows["en instruction"] == [1, Decimal("500.00"), Decimal("0.00")]
    assert rows["accordée"] == [1, Decimal("1500.00"), Decimal("1200.00")]
    assert rows["refusée"] == [0, Decimal("0.00"), Decimal("0.00")]
    assert "brouillon" not in rows

    (row,) = figures.envelopes(timezone.localdate().year).rows
    assert row == ["Soutiens", Decimal("5000.00"), Decimal("1200.00"), Decimal("3800.00"), Decimal("0.24")]
