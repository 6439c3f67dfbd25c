"""A shop page's JSON-LD says its hours in schema.org terms (openingHoursSpecification), never in OSM
syntax, and says the same hours as the OSM expression, day by day over the coming year.

The JSON-LD is read back from the page as a consumer would (schema.org's rules: a closing time before
the opening time runs past midnight, 00:00-23:59 is all day, 00:00-00:00 on a special date is closed, a
special date overrides the weekday) and compared with opening-hours-py's own evaluation of each day.
"""

import datetime as dt
import json
import re

import opening_hours
import pytest
from django.utils import timezone

from solidarite.shops.demo import load_shops
from solidarite.shops.models import Shop
from tests.shops.factories import ShopFactory

pytestmark = pytest.mark.django_db
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def jsonld(response) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.text, flags=re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def check_shape(data):
    assert data["@context"] == "https://schema.org"
    assert "openingHours" not in data, "OSM syntax is not schema.org"
    for spec in data.get("openingHoursSpecification", []):
        assert spec["@type"] == "OpeningHoursSpecification"
        assert set(spec) == {"@type", "dayOfWeek", "opens", "closes"}
        assert spec["dayOfWeek"] and {day.removeprefix("https://schema.org/") for day in spec["dayOfWeek"]} <= set(DAYS)
        assert TIME.match(spec["opens"]) and TIME.match(spec["closes"])
    for spec in data.get("specialOpeningHoursSpecification", []):
        assert set(spec) == {"@type", "validFrom", "validThrough", "opens", "closes"}
        assert dt.date.fromisoformat(spec["validFrom"]) <= dt.date.fromisoformat(spec["validThrough"])
        assert TIME.match(spec["opens"]) and TIME.match(spec["closes"])


def minutes(text: str) -> int:
    hours, mins = text.split(":")
    return int(hours) * 60 + int(mins)


def said(data, first: dt.date, days: int) -> dict[dt.date, list[tuple[int, int]]]:
    """Open periods per day (minutes from midnight, end exclusive, 1440 = midnight) as schema.org reads the
    JSON-LD: a period past midnight goes on into the next day."""
    regular = {}
    for spec in data.get("openingHoursSpecification", []):
        for day in spec["dayOfWeek"]:
            regular.setdefault(DAYS.index(day.removeprefix("https://schema.org/")), []).append(spec)
    special = {}
    for spec in data.get("specialOpeningHoursSpecification", []):
        day = dt.date.fromisoformat(spec["validFrom"])
        while day <= dt.date.fromisoformat(spec["validThrough"]):
            special.setdefault(day, []).append(spec)
            day += dt.timedelta(days=1)
    result = {first + dt.timedelta(days=n): [] for n in range(-1, days + 1)}
    for day in list(result):
        for spec in special.get(day, regular.get(day.weekday(), [])):
            opens, closes = minutes(spec["opens"]), minutes(spec["closes"])
            if (opens, closes) == (0, 0):
                continue  # closed that day
            if (opens, closes) == (0, 23 * 60 + 59):
                result[day].append((0, 1440))
            elif closes > opens:
                result[day].append((opens, closes))
            else:
                result[day].append((opens, 1440))
                if closes and day + dt.timedelta(days=1) in result:
                    result[day + dt.timedelta(days=1)].append((0, closes))
    return {day: sorted(periods) for day, periods in result.items() if first <= day < first + dt.timedelta(days=days)}


def evaluated(expression: str, first: dt.date, days: int) -> dict[dt.date, list[tuple[int, int]]]:
    """opening-hours-py's answer, day by day on the Paris wall clock (French public holidays)."""
    oh = opening_hours.OpeningHours(expression, country="FR")
    result = {}
    for n in range(days):
        day = first + dt.timedelta(days=n)
        start = dt.datetime.combine(day, dt.time.min)
        periods = []
        for begin, end, state, _comment in oh.intervals(start, start + dt.timedelta(days=1)):
            if state == opening_hours.State.OPEN:
                periods.append(((begin - start).seconds // 60, int((end - start).total_seconds()) // 60))
        result[day] = periods
    return result


def merged(periods):
    """Adjacent periods joined: 00:00-02:00 carried from the night before and 00:00-... of the day itself."""
    out = []
    for start, end in sorted(periods):
        if out and out[-1][1] >= start:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def assert_same_hours(data, expression):
    first = timezone.localdate()
    told, truth = said(data, first, 366), evaluated(expression, first, 366)
    wrong = [day for day in truth if merged(told[day]) != merged(truth[day])]
    assert not wrong, f"{expression}: {wrong[:3]} {[told[d] for d in wrong[:3]]} != {[truth[d] for d in wrong[:3]]}"


def test_the_demo_shops_say_their_hours_in_schema_org_terms(client):
    load_shops()
    shops = list(Shop.objects.listed())
    assert len(shops) >= 5
    for shop in shops:
        data = jsonld(client.get(shop.get_absolute_url()))
        check_shape(data)
        assert data["openingHoursSpecification"], shop.opening_hours
        assert_same_hours(data, shop.opening_hours)
    # The demo's "PH off" shops say they are closed on the public holidays they would open on.
    cafe = next(shop for shop in shops if shop.opening_hours.startswith("Tu-Sa 08:00-19:00; Su"))
    holidays = [
        dt.date.fromisoformat(spec["validFrom"])
        for spec in jsonld(client.get(cafe.get_absolute_url())).get("specialOpeningHoursSpecification", [])
        if (spec["opens"], spec["closes"]) == ("00:00", "00:00")
    ]
    assert holidays and all(day.weekday() != 0 for day in holidays), "Monday is closed anyway"


@pytest.mark.parametrize(
    "expression",
    [
        "Mo-Su 09:00-18:00; PH off",
        "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00; PH 10:00-12:00",
        "24/7",
        "Fr-Sa 22:00-02:00",
        "Mo-Su 18:00-24:00",
        "Mo-Sa 09:00-19:00; Aug off; Dec 24 09:00-12:00",
        "Mo-Fr 09:00-18:00; Jul-Aug Mo-Fr 10:00-20:00",
        "week 1-53/2 Mo 10:00-12:00",
    ],
)
def test_osm_hours_become_the_same_hours_in_schema_org(client, expression):
    shop = ShopFactory(opening_hours=expression)
    data = jsonld(client.get(shop.get_absolute_url()))
    check_shape(data)
    assert_same_hours(data, expression)


def test_what_cannot_be_said_is_left_out(client):
    closed = jsonld(client.get(ShopFactory(opening_hours="off").get_absolute_url()))
    assert "openingHoursSpecification" not in closed and "openingHours" not in closed
    # An unknown Saturday is not listed (not listed would read as closed, but nothing better can be said),
    # and the rest still is.
    partly = jsonld(client.get(ShopFactory(opening_hours="Mo 10:00-12:00; Sa unknown").get_absolute_url()))
    assert [spec["dayOfWeek"] for spec in partly["openingHoursSpecification"]] == [["https://schema.org/Monday"]]
