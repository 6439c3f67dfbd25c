"""Every figure checked against numbers computed by hand from the fixture in conftest.py."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from associations.support import decisions
from solidarite.dashboard import figures
from tests.dashboard.conftest import NOW
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


def test_help_requests_by_quartier_list_every_quartier_with_its_centre(world, period):
    table = figures.help_by_quartier(period)
    rows = {row[0]: row[1:] for row in table.rows}
    quiet = [0, 0, 0, None]
    assert rows == {
        "Château": quiet,
        "La Blordière": quiet,
        "La Houssais": quiet,
        "Pont-Rousseau": [1, 1, 0, Decimal("0.50")],
        "Ragon": [1, 1, 1, Decimal("0.50")],
        "Rezé-Hôtel de ville": quiet,
        "Trentemoult-les Isles": quiet,
    }
    assert table.places["Ragon"] == (47.1575, -1.5390)
    assert set(table.places) == set(rows)


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
    decisions.grant(support_request=granted, by=staff, envelope=envelope, amount="1200", decision_reference="D-1")
    two_years_ago = timezone.now() - dt.timedelta(days=730)
    SupportRequestFactory(
        association=association, state="refused", amount_requested=Decimal("700"), submitted_at=two_years_ago
    )  # submitted before the period

    period = figures.Period.last_months(12)
    rows = {row[0]: row[1:] for row in figures.support_by_state(period).rows}
    assert rows["déposée"] == [1, Decimal("1000.00"), Decimal("0.00")]
    assert rows["en instruction"] == [1, Decimal("500.00"), Decimal("0.00")]
    assert rows["accordée"] == [1, Decimal("1500.00"), Decimal("1200.00")]
    assert rows["refusée"] == [0, Decimal("0.00"), Decimal("0.00")]
    assert "brouillon" not in rows

    that_year = figures.Period.calendar_year(timezone.localtime(two_years_ago).year)
    rows = {row[0]: row[1:] for row in figures.support_by_state(that_year).rows}
    assert rows["refusée"] == [1, Decimal("700.00"), Decimal("0.00")]
    assert sum(row[0] for row in rows.values()) == 1

    (row,) = figures.envelopes(period.year).rows
    assert row == ["Soutiens", Decimal("5000.00"), Decimal("1200.00"), Decimal("3800.00"), Decimal("0.24")]
    assert figures.envelopes(that_year.year).rows == []


def test_the_last_three_months(world):
    period = figures.Period.last_months(3, NOW)
    assert period.label == "les 3 derniers mois"
    by_month = {row[0]: row[1:] for row in figures.help_by_month(period).rows}
    assert by_month == {"avril 2026": [0, 0, 0], "mai 2026": [2, 1, 0], "juin 2026": [0, 1, 1]}
    rows = {row[0]: row[1:] for row in figures.actions_by_month(period).rows}
    assert rows == {"avril 2026": [0, 0, 0], "mai 2026": [1, 2, 1], "juin 2026": [1, 1, 0]}


def test_a_past_calendar_year_covers_january_to_december(world):
    period = figures.Period.calendar_year(2025, NOW)
    assert (period.label, period.year, period.slug) == ("l'année 2025", 2025, "2025")
    table = figures.help_by_month(period)
    assert [row[0] for row in table.rows][::11] == ["janvier 2025", "décembre 2025"] and len(table.rows) == 12
    by_month = {row[0]: row[1:] for row in table.rows}
    assert by_month["mars 2025"] == [1, 0, 0]  # the only request of 2025
    assert sum(sum(values) for values in by_month.values()) == 1
    rows = {row[0]: row[1:] for row in figures.help_by_quartier(period).rows}
    assert rows["Pont-Rousseau"] == [1, 0, 0, Decimal("1.00")] and rows["Ragon"] == [0, 0, 0, None]
    assert figures.time_to_first_match(period).rows == []
    assert {row[0]: row[1:] for row in figures.room_occupancy(period).rows}["Salle A"] == [0, Decimal("0.0")]


def test_the_current_year_stops_at_this_month(world):
    period = figures.Period.calendar_year(2026, NOW)
    table = figures.help_by_month(period)
    assert [row[0] for row in table.rows] == [
        "janvier 2026",
        "février 2026",
        "mars 2026",
        "avril 2026",
        "mai 2026",
        "juin 2026",
    ]
    assert sum(sum(row[1:]) for row in table.rows) == 5
    rows = {row[0]: row[1:] for row in figures.room_occupancy(period).rows}
    assert rows["Salle A"] == [2, Decimal("4.5")]
