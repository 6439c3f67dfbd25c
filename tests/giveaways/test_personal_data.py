"""What giveaways hold about a person: exported, and erased with what they had running ended."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from solidarite.accounts.personal_data import export_personal_data
from solidarite.giveaways import retention, services
from solidarite.giveaways.models import Gift, GiftMatch, Wish
from solidarite.notifications.models import Notification
from tests.giveaways.factories import make_gift, make_wish


def test_the_export_holds_gifts_wishes_and_matches(giver, wisher):
    make_wish(wisher)
    make_gift(giver)
    data = export_personal_data(giver)["dons_entre_voisins"]
    assert data["dons"][0]["objet"] == "Poussette pliable"
    assert data["dons"][0]["consignes_de_retrait"] == "3 rue du Secret, interphone 12"
    assert len(data["mises_en_relation"]) == 1
    assert (
        export_personal_data(wisher)["dons_entre_voisins"]["souhaits"][0]["recherche"] == "Une poussette pour ma fille"
    )


def test_erasing_a_giver_withdraws_their_promised_gift_and_tells_the_wisher(giver, wisher):
    from solidarite.accounts.services import erase_account

    make_wish(wisher)
    gift = make_gift(giver)
    services.answer_match(by=wisher, match=GiftMatch.objects.get(), step="accept")
    erase_account(user=giver)
    assert not Gift.objects.filter(pk=gift.pk).exists()
    assert Notification.objects.filter(user=wisher, kind="giveaways.gift_released").exists()


def test_erasing_a_wisher_offers_their_promised_gift_again(giver, wisher):
    from solidarite.accounts.services import erase_account

    make_wish(wisher)
    gift = make_gift(giver)
    services.answer_match(by=wisher, match=GiftMatch.objects.get(), step="accept")
    erase_account(user=wisher)
    gift.refresh_from_db()
    assert gift.status == "offered"
    assert not Wish.objects.exists()


def test_a_given_gift_outlives_its_giver_as_a_figure_only(giver, wisher):
    from solidarite.accounts.services import erase_account

    make_wish(wisher)
    gift = make_gift(giver)
    services.answer_match(by=wisher, match=GiftMatch.objects.get(), step="accept")
    services.gift_step(by=giver, gift=gift, step="give", weight_kg="12")
    erase_account(user=giver)
    gift.refresh_from_db()
    assert (gift.giver, gift.title, gift.description, gift.pickup_details) == (None, "", "", "")
    assert (gift.latitude, gift.longitude) == (gift.public_latitude, gift.public_longitude)
    assert gift.weight_kg == Decimal("12.0")


def test_retention_keeps_only_the_figures_six_months_after(giver, wisher, clock):
    make_wish(wisher)
    given = make_gift(giver)
    services.answer_match(by=wisher, match=GiftMatch.objects.get(), step="accept")
    services.gift_step(by=giver, gift=given, step="give", weight_kg="2")
    withdrawn = make_gift(giver, title="Étagère", category="meubles")
    services.gift_step(by=giver, gift=withdrawn, step="withdraw")
    assert retention.purge()["gifts_deleted"] == 0
    clock.move_to(timezone.now() + timedelta(days=190))
    done = retention.purge()
    assert (done["gifts_anonymised"], done["gifts_deleted"], done["wishes_deleted"]) == (1, 1, 1)
    kept = Gift.objects.get()
    assert (kept.pk, kept.giver, kept.description, kept.weight_kg) == (given.pk, None, "", Decimal("2.0"))
    assert not GiftMatch.objects.exists()
