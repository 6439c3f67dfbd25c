from solidarite.accounts.demo import load_people
from solidarite.giveaways.demo import load_giveaways
from solidarite.giveaways.models import Gift, GiftMatch, Wish


def test_the_demo_loads_twice_with_a_live_match_and_last_months_kg(db):
    load_people()
    load_giveaways()
    load_giveaways()
    assert Gift.objects.public().count() == 2
    assert Wish.objects.filter(status="open").count() == 1
    match = GiftMatch.objects.get()
    assert (match.gift.title, match.wish.wisher.email) == ("Poussette pliable", "voisin@solidarite.test")
    dropped = Gift.objects.get(status="given")
    assert dropped.dropped_at.kind == "seconde-main" and dropped.weight_kg
