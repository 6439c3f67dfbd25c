"""A query compiled once gives the rows its queryset gives, whatever values it is run with."""

from datetime import timedelta

import pytest
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone

from solidarite.compiled import Compiled
from solidarite.help.availability import parse_slots
from solidarite.help.models import HelpOffer
from tests.factories import UserFactory
from tests.help.factories import HOME, NEAR, make_offer

pytestmark = pytest.mark.django_db


def offers(author, day, lat):
    return (
        HelpOffer.objects.filter(latitude__lte=lat)
        .exclude(author_id=author)
        .exclude(available_until__lt=day)
        .order_by("id")
        .values_list("id", "weekly_slots", "available_until", "created_at")
    )


COMPILED = Compiled(lambda p: offers(p.int("author"), p.date("day"), p.float("lat")))


@pytest.fixture
def three_offers():
    today = timezone.localdate()
    a, b, c = UserFactory(), UserFactory(), UserFactory()
    make_offer(a, point=NEAR, weekly_slots=parse_slots("lun 9h-12h"), available_until=today + timedelta(days=3))
    make_offer(b, point=HOME, available_until=today + timedelta(days=30))
    make_offer(c, point=NEAR)
    return a, b, c, today


def test_rows_and_their_values_are_the_querysets_for_each_set_of_values(three_offers):
    a, b, c, today = three_offers
    for author, day, lat in [
        (a.pk, today, 90.0),
        (b.pk, today + timedelta(days=10), 90.0),
        (c.pk, today, NEAR.lat),
        (0, today + timedelta(days=60), 90.0),
    ]:
        got = COMPILED.rows(using=DEFAULT_DB_ALIAS, author=author, day=day, lat=lat)
        assert got == list(offers(author, day, lat))
    # Converted as a queryset's: the JSON list, the date and the aware datetime, not their text.
    (row,) = COMPILED.rows(using=DEFAULT_DB_ALIAS, author=c.pk, day=today, lat=NEAR.lat)  # a's offer
    assert row[1] == parse_slots("lun 9h-12h") and row[2] == today + timedelta(days=3)
    assert timezone.is_aware(row[3])


def test_the_compiled_values_of_one_call_never_leak_into_the_next(three_offers):
    a, b, _c, today = three_offers
    first = COMPILED.rows(using=DEFAULT_DB_ALIAS, author=a.pk, day=today, lat=90.0)
    second = COMPILED.rows(using=DEFAULT_DB_ALIAS, author=b.pk, day=today, lat=90.0)
    assert first != second
    assert COMPILED.rows(using=DEFAULT_DB_ALIAS, author=a.pk, day=today, lat=90.0) == first


def test_a_placeholder_the_query_does_not_hold_is_refused_at_compile_time():
    unused = Compiled(lambda p: (p.int("forgotten"), HelpOffer.objects.values_list("id"))[1])
    with pytest.raises(ValueError, match="forgotten"):
        unused.rows(using=DEFAULT_DB_ALIAS, forgotten=1)


SINCE = Compiled(lambda p: HelpOffer.objects.filter(created_at__gte=p.datetime("since")).values_list("pk"))


def test_a_count_over_a_datetime_is_the_querysets_count(three_offers):
    for since in (timezone.now() - timedelta(hours=1), timezone.now() + timedelta(hours=1)):
        expected = HelpOffer.objects.filter(created_at__gte=since).count()
        assert SINCE.count(using=DEFAULT_DB_ALIAS, since=since) == expected
    assert SINCE.count(using=DEFAULT_DB_ALIAS, since=timezone.now() - timedelta(hours=1)) == 3
