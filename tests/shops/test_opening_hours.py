"""Opening hours: French validation messages and "open now" with fixed clocks in Europe/Paris."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from solidarite.shops import hours

PARIS = ZoneInfo("Europe/Paris")


def paris(*args):
    return datetime(*args, tzinfo=PARIS)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def message(value):
    with pytest.raises(ValidationError) as exc:
        hours.validate_opening_hours(value)
    return " ".join(exc.value.messages)


def test_french_style_hours_are_rejected_with_a_message_naming_the_problem():
    text = message("Mo-Fr 9h-18h")
    assert "« 9h-18h »" in text
    assert "09:00-18:00 et non 9h-18h" in text


def test_french_day_names_are_explained():
    assert "Mo Tu We Th Fr Sa Su" in message("Lu-Ve 09:00-18:00")


def test_hours_without_minutes_are_explained():
    assert "09:00-12:00, pas 9-12" in message("Mo-Fr 9-12")


@pytest.mark.parametrize(
    "value",
    ["Mo-Fr 09:00-18:00", "Mo-Fr 09:00-12:30,14:00-19:00; Sa 09:00-13:00; PH off", "24/7", "Fr-Sa 18:00-02:00", ""],
)
def test_valid_expressions_pass(value):
    hours.validate_opening_hours(value)


def test_open_and_closing_time_on_a_weekday():
    status = hours.status("Mo-Sa 09:00-19:00; PH off", paris(2026, 12, 1, 10, 0))  # Tuesday
    assert status.is_open
    assert str(status) == "Ouvert maintenant · ferme à 19 h"


def test_closed_on_saturday_evening_says_it_opens_monday():
    status = hours.status("Mo-Fr 09:00-18:00", paris(2026, 12, 5, 20, 0))  # Saturday
    assert not status.is_open
    assert str(status) == "Fermé · ouvre lundi à 9 h"


def test_minutes_and_tomorrow_are_spelled_out():
    status = hours.status("Mo-Fr 09:30-18:00", paris(2026, 12, 1, 19, 0))  # Tuesday evening
    assert str(status) == "Fermé · ouvre demain à 9 h 30"


def test_open_across_midnight_until_the_next_morning():
    value = "Fr-Sa 18:00-02:00"
    saturday_1am = paris(2026, 12, 5, 1, 0)  # still Friday night's opening
    assert hours.status(value, saturday_1am).is_open
    assert str(hours.status(value, saturday_1am)) == "Ouvert maintenant · ferme à 2 h"
    assert not hours.status(value, paris(2026, 12, 5, 3, 0)).is_open
    assert not hours.status(value, paris(2026, 12, 7, 1, 0)).is_open  # Monday 1 am: Sunday was closed


def test_closed_on_a_french_public_holiday():
    value = "Mo-Sa 09:00-19:00; PH off"
    christmas = paris(2026, 12, 25, 10, 0)  # a Friday
    assert not hours.status(value, christmas).is_open
    assert str(hours.status(value, christmas)) == "Fermé · ouvre demain à 9 h"
    assert hours.status(value, paris(2026, 12, 24, 10, 0)).is_open
    # 14 July and 8 May are French holidays, not generic ones.
    assert not hours.status(value, paris(2026, 7, 14, 10, 0)).is_open
    assert not hours.status(value, paris(2026, 5, 8, 10, 0)).is_open


def test_spring_forward_night_clock_in_utc():
    # 29 March 2026: at 02:00 CET clocks jump to 03:00 CEST.
    value = "Mo-Su 01:00-04:00"
    assert hours.status(value, utc(2026, 3, 29, 0, 30)).is_open  # 01:30 CET
    assert hours.status(value, utc(2026, 3, 29, 1, 30)).is_open  # 03:30 CEST
    assert not hours.status(value, utc(2026, 3, 29, 2, 30)).is_open  # 04:30 CEST
    assert hours.status(value, utc(2026, 3, 29, 1, 30)).detail == "ferme à 4 h"


def test_fall_back_night_uses_local_wall_clock():
    # 25 October 2026: at 03:00 CEST clocks go back to 02:00 CET; 08:00 local is 07:00 UTC after the change.
    value = "Su 08:00-12:00"
    assert not hours.status(value, utc(2026, 10, 25, 6, 30)).is_open  # 07:30 CET
    assert hours.status(value, utc(2026, 10, 25, 7, 0)).is_open  # 08:00 CET
    # The Saturday before (CEST), 08:00 local is 06:00 UTC.
    assert hours.status("Sa 08:00-12:00", utc(2026, 10, 24, 6, 0)).is_open


def test_open_expressions_evaluates_each_distinct_string_once(monkeypatch):
    calls = []
    real_parse = hours._parse

    def counting(value):
        calls.append(value)
        return real_parse(value)

    monkeypatch.setattr(hours, "_parse", counting)
    values = ["Mo-Sa 09:00-19:00"] * 500 + ["Su 09:00-12:00"] * 500 + ["24/7", ""]
    at = paris(2026, 12, 1, 10, 0)
    assert hours.open_expressions(values, at) == {"Mo-Sa 09:00-19:00", "24/7"}
    assert hours.open_expressions(values, paris(2026, 12, 1, 11, 0)) == {"Mo-Sa 09:00-19:00", "24/7"}
    assert sorted(calls) == ["24/7", "Mo-Sa 09:00-19:00", "Su 09:00-12:00"]


def test_cached_state_expires_at_the_next_change():
    value = "Mo-Sa 09:00-19:00"
    assert hours.open_expressions([value], paris(2026, 12, 1, 18, 59)) == {value}
    assert hours.open_expressions([value], paris(2026, 12, 1, 19, 0)) == set()
    # A clock moving backwards (tests, replays) is evaluated again, not served from the cache.
    assert hours.open_expressions([value], paris(2026, 12, 1, 10, 0)) == {value}


def test_week_lists_slots_and_holidays():
    week = hours.week("Mo-Sa 09:00-12:30,14:00-19:00; PH off", paris(2026, 12, 24, 8, 0))
    assert [d.day.day for d in week] == [24, 25, 26, 27, 28, 29, 30]
    assert week[0].slots == ("9 h – 12 h 30", "14 h – 19 h")  # noqa: RUF001
    assert week[1].slots == ()  # Christmas
    assert week[3].slots == ()  # Sunday


def test_english_labels():
    with translation.override("en"):
        status = hours.status("Mo-Sa 09:00-19:00", paris(2026, 12, 1, 10, 0))
        assert str(status) == "Open now · closes at 19:00"
