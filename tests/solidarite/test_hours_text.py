"""Opening hours in words: what a person reads instead of « Tu-Sa 14:00-19:00; PH off », in French and in
English, and no page shows the OSM syntax (it stays in the data exports: JSON-LD, data·inclusion, API)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import translation

from solidarite.hours_text import weekly
from tests.helpers import plain, text

CASES = [
    (
        "Tu-Sa 14:00-19:00; PH off",
        "du mardi au samedi, 14 h – 19 h ; fermé les jours fériés",
        "Tuesday to Saturday, 2 pm – 7 pm; closed on public holidays",
    ),
    (
        "Mo-Fr 08:30-12:30,13:30-17:30; Sa 09:00-12:00; PH off",
        "du lundi au vendredi, 8 h 30 – 12 h 30 et 13 h 30 – 17 h 30 ; samedi, 9 h – 12 h ; fermé les jours fériés",
        "Monday to Friday, 8:30 am – 12:30 pm and 1:30 pm – 5:30 pm; Saturday, 9 am – noon; closed on public holidays",
    ),
    ("24/7", "tous les jours, 24 h sur 24", "every day, 24 hours a day"),
    ("Mo-Su 00:00-24:00", "tous les jours, 24 h sur 24", "every day, 24 hours a day"),
    ("Mo-Su 09:00-18:00", "tous les jours, 9 h – 18 h", "every day, 9 am – 6 pm"),
    # A range of week days that crosses Sunday.
    ("Sa-Mo 10:00-12:00", "du samedi au lundi, 10 h – 12 h", "Saturday to Monday, 10 am – noon"),
    ("Fr-Tu 09:00-12:00", "du vendredi au mardi, 9 h – 12 h", "Friday to Tuesday, 9 am – noon"),
    # Off days taken out of a range, and the same hours on days apart.
    (
        "Mo-Fr 09:00-12:00; We off",
        "lundi, mardi, jeudi et vendredi, 9 h – 12 h",
        "Monday, Tuesday, Thursday and Friday, 9 am – noon",
    ),
    (
        "Tu,Th 14:00-17:00; Sa 09:30-12:00; PH off",
        "mardi et jeudi, 14 h – 17 h ; samedi, 9 h 30 – 12 h ; fermé les jours fériés",
        "Tuesday and Thursday, 2 pm – 5 pm; Saturday, 9:30 am – noon; closed on public holidays",
    ),
    # Three ranges a day, past midnight, until midnight.
    (
        "Mo 08:00-10:00,12:00-14:00,18:00-20:00",
        "lundi, 8 h – 10 h, 12 h – 14 h, 18 h – 20 h",
        "Monday, 8 am – 10 am, noon – 2 pm, 6 pm – 8 pm",
    ),
    ("Fr 22:00-02:00", "vendredi, 22 h – 2 h", "Friday, 10 pm – 2 am"),
    ("Sa 18:00-24:00", "samedi, 18 h – minuit", "Saturday, 6 pm – midnight"),
    # Public holidays with hours of their own, and open like any day (nothing to say).
    (
        "Mo-Fr 09:00-17:00; PH 10:00-12:00",
        "du lundi au vendredi, 9 h – 17 h ; jours fériés, 10 h – 12 h",
        "Monday to Friday, 9 am – 5 pm; public holidays, 10 am – noon",
    ),
    ("Mo-Fr 09:00-17:00", "du lundi au vendredi, 9 h – 17 h", "Monday to Friday, 9 am – 5 pm"),
    # Seasonal rules are not a week: said, not hidden.
    (
        "Mo-Fr 09:00-18:00; Aug off",
        "du lundi au vendredi, 9 h – 18 h ; horaires différents certains jours de l'année",
        "Monday to Friday, 9 am – 6 pm; different hours on some days of the year",
    ),
    ("off", "fermé", "closed"),
]


@pytest.mark.parametrize(("value", "french", "english"), CASES)
@pytest.mark.parametrize("first", [dt.date(2026, 1, 1), dt.date(2027, 5, 9), dt.date(2028, 2, 29)])
def test_hours_in_words_in_french_and_english_whatever_the_date(value, french, english, first):
    assert weekly(value, "fr", first).sentence == french
    assert weekly(value, "en", first).sentence == english


def test_the_week_table_names_every_day_once_closed_days_included():
    week = weekly("Tu,Th 14:00-17:00; Sa 09:30-12:00", "fr", dt.date(2026, 1, 1))
    assert [(row.days, row.hours) for row in week.rows] == [
        ("mardi et jeudi", "14 h – 17 h"),
        ("mercredi, vendredi, dimanche et lundi", "fermé"),
        ("samedi", "9 h 30 – 12 h"),
    ]


def test_the_page_language_chooses_the_words_and_nothing_is_said_of_bad_or_no_hours():
    with translation.override("en"):
        assert str(weekly("Tu-Sa 14:00-19:00")).startswith("Tuesday to Saturday")
    with translation.override("fr"):
        assert str(weekly("Tu-Sa 14:00-19:00")).startswith("du mardi au samedi")
    assert weekly("") is None and weekly("Lundi 9h-12h") is None


# --- no page shows OSM syntax ---

OSM = re.compile(
    r"\b(Mo|Tu|We|Th|Fr|Sa|Su|PH)\b[ ,-]"  # « Mo-Fr », « Tu,Th », « PH off »
    r"|\d\d:\d\d-\d\d:\d\d"  # « 14:00-19:00 »
)
HOURS = "Tu-Sa 14:00-19:00; PH off"


def _visible(html: str) -> str:
    """What a person reads: scripts (the JSON-LD keeps the data) and form values left out."""
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    html = re.sub(r"<(input|textarea)[^>]*>", "", html)
    return plain(html)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_page_shows_opening_hours_in_osm_syntax(client, language):
    from tests.directory.factories import AssociationFactory
    from tests.rights.factories import make_permanence, make_place
    from tests.rooms.factories import RoomFactory
    from tests.shops.factories import ShopFactory

    shop = ShopFactory(opening_hours=HOURS)
    place = make_place(opening_hours=HOURS)
    permanence = make_permanence(place=place, opening_hours="Tu,Th 14:00-17:00")
    room = RoomFactory(opening_hours=HOURS)
    association = AssociationFactory(opening_hours=HOURS)
    urls = [
        shop.get_absolute_url(),
        reverse("shops:list"),
        place.get_absolute_url(),
        reverse("rights:places"),
        permanence.get_absolute_url(),
        room.get_absolute_url(),
        reverse("rooms:list"),
        association.get_absolute_url(),
    ]
    client.cookies["django_language"] = language
    said = ("du mardi au samedi", "14 h – 19 h") if language == "fr" else ("tuesday to saturday", "2 pm – 7 pm")
    for url in urls:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        page = _visible(text(response))
        assert not OSM.search(page), f"{url}: {OSM.search(page).group(0)!r}"
    for url in (
        shop.get_absolute_url(),
        place.get_absolute_url(),
        room.get_absolute_url(),
        association.get_absolute_url(),
    ):
        words = re.sub(r"<[^>]+>", " ", _visible(text(client.get(url, HTTP_ACCEPT_LANGUAGE=language)))).lower()
        assert all(part in words for part in said), url
