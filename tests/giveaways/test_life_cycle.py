"""A gift's life: accepted by a wisher (promised), given with its weight, released, withdrawn, dropped at a
ressourcerie, expired; the contacts and pickup details reach only the two sides, only after acceptance."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from solidarite.giveaways import services
from solidarite.giveaways.models import Gift, GiftMatch, Wish
from solidarite.notifications.models import Notification
from solidarite.shops.models import Shop
from tests.factories import UserFactory
from tests.giveaways.factories import make_gift, make_wish


@pytest.fixture
def proposed(giver, wisher):
    make_wish(wisher)
    make_gift(giver)
    return GiftMatch.objects.get()


def accept(match, wisher):
    return services.answer_match(by=wisher, match=match, step="accept")


def test_accepting_promises_the_gift_and_opens_the_details_to_both_sides_only(proposed, giver, wisher, third):
    gift = proposed.gift
    assert not services.may_see_details(gift, services.accepted_match(gift), wisher)
    accept(proposed, wisher)
    gift.refresh_from_db()
    assert gift.status == "promised"
    assert proposed.wish.__class__.objects.get().status == "fulfilled"
    match = services.accepted_match(gift)
    assert services.may_see_details(gift, match, wisher)
    assert services.may_see_details(gift, match, giver)
    assert not services.may_see_details(gift, match, third)
    assert ("Téléphone", "06 12 34 56 78") in services.contacts_of(gift.giver)
    assert Notification.objects.get(user=giver).kind == "giveaways.gift_accepted"
    assert list(gift.transitions.values_list("name", flat=True)) == ["promise"]
    assert list(match.transitions.values_list("name", flat=True)) == ["accept"]


def test_only_the_wisher_answers_and_a_promised_gift_cannot_be_taken_twice(proposed, giver, wisher):
    with pytest.raises(PermissionDenied):
        services.answer_match(by=giver, match=proposed, step="accept")
    other = UserFactory()
    make_wish(other)
    second = GiftMatch.objects.get(wish__wisher=other)
    accept(proposed, wisher)
    with pytest.raises(ValidationError):
        accept(second, other)
    assert GiftMatch.objects.filter(status="accepted").count() == 1


def test_giving_records_the_weight_at_handover(proposed, giver, wisher):
    accept(proposed, wisher)
    with pytest.raises(ValidationError) as refused:
        services.gift_step(by=giver, gift=proposed.gift, step="give", weight_kg="")
    assert "poids" in refused.value.message_dict["weight_kg"][0]
    gift = services.gift_step(by=giver, gift=proposed.gift, step="give", weight_kg="7,5")
    gift.refresh_from_db()
    assert (gift.status, gift.weight_kg) == ("given", Decimal("7.5"))
    assert gift.given_at is not None
    assert Notification.objects.filter(user=wisher, kind="giveaways.gift_given").exists()


def test_releasing_offers_the_gift_again_and_reopens_the_wish(proposed, giver, wisher):
    accept(proposed, wisher)
    services.gift_step(by=giver, gift=proposed.gift, step="release")
    proposed.refresh_from_db()
    assert proposed.status == "withdrawn"
    assert Gift.objects.get().status == "offered"
    assert Wish.objects.get().status == "open"
    assert Notification.objects.filter(user=wisher, kind="giveaways.gift_released").exists()


def test_withdrawing_ends_every_pending_match(proposed, giver, wisher):
    with pytest.raises(PermissionDenied):
        services.gift_step(by=wisher, gift=proposed.gift, step="withdraw")
    services.gift_step(by=giver, gift=proposed.gift, step="withdraw")
    proposed.refresh_from_db()
    assert (Gift.objects.get().status, proposed.status) == ("withdrawn", "withdrawn")


def test_a_gift_goes_to_a_ressourcerie_instead(giver):
    gift = make_gift(giver)
    shop = Shop.objects.create(
        name="Ressourcerie", slug="ressourcerie", kind="seconde-main", address="1 rue", status="verified"
    )
    bakery = Shop.objects.create(
        name="Boulangerie", slug="boulangerie", kind="boulangerie", address="2 rue", status="verified"
    )
    with pytest.raises(ValidationError) as refused:
        services.gift_step(by=giver, gift=gift, step="drop", weight_kg="3", shop=bakery.pk)
    assert "ressourcerie" in refused.value.message_dict["shop"][0]
    services.gift_step(by=giver, gift=gift, step="drop", weight_kg="3", shop=shop.pk)
    gift.refresh_from_db()
    assert (gift.status, gift.dropped_at, gift.weight_kg) == ("given", shop, Decimal("3.0"))


def test_past_their_window_gifts_and_wishes_expire_with_their_pending_matches(proposed, clock):
    clock.move_to(timezone.now() + timedelta(days=30))
    done = services.expire_due()
    assert done == {"gifts": 1, "wishes": 1}
    proposed.refresh_from_db()
    assert proposed.status == "withdrawn"
    assert Gift.objects.get().status == "expired"


def test_the_expiry_command_runs(proposed, clock):
    from io import StringIO

    from django.core.management import call_command

    clock.move_to(timezone.now() + timedelta(days=30))
    out = StringIO()
    call_command("expire_gifts", stdout=out)
    assert "gifts=1 wishes=1" in out.getvalue()


def test_hiding_a_promised_gift_reopens_the_wish_it_was_promised_to(proposed, wisher, staff):
    from solidarite.giveaways import moderation

    accept(proposed, wisher)
    report = moderation.report(by=wisher, target=proposed.gift, reason="spam")
    moderation.moderate(report=report, by=staff, action="hide")
    assert Gift.objects.get().status == "hidden"
    assert Wish.objects.get().status == "open"
    proposed.refresh_from_db()
    assert proposed.status == "withdrawn"


def test_before_acceptance_the_giver_sees_how_many_wait_never_who(client, proposed, giver, wisher):
    client.force_login(giver)
    page = client.get(f"/dons/{proposed.gift_id}/").content.decode()
    assert "1 personne attend votre objet" in page
    assert "Karim" not in page and "07 98 76 54 32" not in page
