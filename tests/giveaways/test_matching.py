"""A gift is matched live with the open wishes of its category within their radius; the wisher is told."""

import re

import pytest
from django.core.exceptions import ValidationError

from solidarite.giveaways import services
from solidarite.giveaways.models import Gift, GiftMatch
from solidarite.notifications.models import Notification
from tests.giveaways.factories import FAR, make_gift, make_wish


def test_a_new_gift_is_matched_with_a_near_wish_of_its_category_and_the_wisher_is_told(
    giver, wisher, third, django_capture_on_commit_callbacks
):
    wish = make_wish(wisher)
    make_wish(third, category="meubles", what="Une commode")  # another category
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        gift = make_gift(giver)
    match = GiftMatch.objects.get()
    assert (match.gift, match.wish, match.status) == (gift, wish, "proposed")
    # Between the public points (each snapped to a 300 m grid): a few hundred metres, never the exact 600 m.
    assert re.match(r"à [1-9]00 m · puériculture · poussette$", match.explanation), match.explanation
    assert "poussette" in match.explanation
    note = Notification.objects.get(user=wisher)
    assert note.kind == "giveaways.gift_matched"
    assert "Poussette pliable" in note.title
    assert callbacks, "the push waits for the commit"
    assert not Notification.objects.filter(user=third).exists()


def test_a_wish_too_far_or_the_givers_own_is_not_matched(giver, wisher):
    make_wish(wisher, point=FAR, radius_km=1)
    make_wish(giver)
    make_gift(giver)
    assert not GiftMatch.objects.exists()


def test_a_new_wish_finds_the_gifts_already_on_offer(giver, wisher):
    gift = make_gift(giver)
    wish, matches = services.post_wish(
        by=wisher,
        category="puericulture",
        what="poussette",
        radius_km=3,
        until=gift.pickup_until,
        point=(47.190723, -1.547331),
    )
    assert [m.gift for m in matches] == [gift]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"category": "alimentation"}, "category"),
        ({"title": "Pots de confiture maison", "category": "cuisine"}, "title"),
    ],
)
def test_food_is_refused_with_the_hygiene_rule(giver, fields, field):
    with pytest.raises(ValidationError) as refused:
        make_gift(giver, **fields)
    assert "hygiène" in refused.value.message_dict[field][0]
    assert not Gift.objects.exists()


def test_an_electrical_gift_carries_a_safety_notice(giver):
    gift = make_gift(giver, category="electrique", title="Bouilloire")
    assert "électrique d'occasion" in services.safety_notice(gift.category)
    assert services.safety_notice("meubles") == ""


def test_a_pickup_window_in_the_past_is_refused(giver):
    from datetime import timedelta

    from django.utils import timezone

    with pytest.raises(ValidationError) as refused:
        make_gift(
            giver, pickup_from=timezone.now() - timedelta(days=3), pickup_until=timezone.now() - timedelta(days=1)
        )
    assert "passée" in refused.value.message_dict["pickup_until"][0]
