"""Surplus from shops: matched live against the épiceries' needs with the help matcher's score."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from associations.directory.actions import participate
from associations.directory.models import Action
from solidarite.grocery import surplus
from solidarite.grocery.surplus_models import Need, SurplusOffer
from solidarite.notifications.models import Notification
from tests.directory.factories import AssociationFactory
from tests.factories import UserFactory
from tests.grocery.factories import make_grocery
from tests.shops.factories import ShopFactory

pytestmark = pytest.mark.django_db


def _grocery(slug, latitude, *, needs=("pain",), managers=()):
    grocery = make_grocery(slug=slug, name=slug, latitude=latitude, longitude="-1.548000", managers=managers)
    for category in needs:
        Need.objects.create(grocery=grocery, category=category, updated_at=timezone.now())
    return grocery


def _offer(shop, category="pain", hours=120):  # 5 days: open hours in any week, Easter too
    return surplus.offer_surplus(
        by=shop.owner,
        shop=shop,
        category=category,
        what="12 baguettes",
        kg="3.5",
        until=timezone.now() + dt.timedelta(hours=hours),
    )


def test_an_offer_reaches_the_managers_of_the_epiceries_that_need_it_nearest_first(django_capture_on_commit_callbacks):
    near_manager, far_manager, other_manager = UserFactory(), UserFactory(), UserFactory()
    near = _grocery("pres", "47.196000", managers=[near_manager])
    far = _grocery("loin", "47.230000", managers=[far_manager])
    _grocery("fruits", "47.196000", needs=("fruits-legumes",), managers=[other_manager])
    _grocery("trop-loin", "47.400000", managers=[UserFactory()])
    shop = ShopFactory(owned=True)

    with django_capture_on_commit_callbacks(execute=True):
        offer = _offer(shop)

    assert [m.grocery for m in offer.matches.all()] == [near, far]
    assert "à 100 m" in offer.matches.first().explanation
    told = Notification.objects.filter(kind="grocery.surplus_offered")
    assert {n.user for n in told} == {near_manager, far_manager}
    assert shop.name in told.first().title


def test_the_first_epicerie_to_accept_takes_it_and_the_shop_is_told():
    manager = UserFactory()
    grocery = _grocery("pres", "47.196000", managers=[manager])
    shop = ShopFactory(owned=True)
    offer = _offer(shop)
    assert [s.name for s in surplus.SURPLUS.available(offer, manager)] == ["accept"]
    surplus.take(by=manager, offer=offer, step="accept")
    offer.refresh_from_db()
    assert offer.status == "accepted" and offer.accepted_by == grocery
    assert Notification.objects.get(user=shop.owner).title.startswith("Vos invendus sont acceptés par")
    with pytest.raises(ValidationError):
        surplus.take(by=manager, offer=offer, step="accept")


def test_only_a_matched_epicerie_s_manager_accepts_and_only_the_owner_withdraws():
    _grocery("pres", "47.196000", managers=[UserFactory()])
    stranger = UserFactory()
    make_grocery(slug="sans-besoin", managers=[stranger])
    shop = ShopFactory(owned=True)
    offer = _offer(shop)
    with pytest.raises(PermissionDenied):
        surplus.take(by=stranger, offer=offer, step="accept")
    with pytest.raises(PermissionDenied):
        surplus.take(by=stranger, offer=offer, step="withdraw")
    surplus.take(by=shop.owner, offer=offer, step="withdraw")
    assert SurplusOffer.objects.get().status == "withdrawn"


def test_only_a_verified_owner_offers_and_bad_offers_are_refused():
    shop = ShopFactory(owned=True)
    with pytest.raises(PermissionDenied):
        surplus.offer_surplus(by=UserFactory(), shop=shop, category="pain", what="x", kg=1, until=timezone.now())
    with pytest.raises(ValidationError, match="7 prochains jours"):
        _offer(shop, hours=24 * 9)
    assert not SurplusOffer.objects.exists()


def test_past_offers_expire():
    shop = ShopFactory(owned=True)
    offer = _offer(shop, hours=2)
    assert surplus.expire_due(now=offer.until) == 1
    assert SurplusOffer.objects.get().status == "expired"


def test_the_pages_offer_list_and_accept_without_javascript(client):
    manager = UserFactory()
    grocery = _grocery("pres", "47.196000", managers=[manager])
    shop = ShopFactory(owned=True)
    client.force_login(shop.owner)
    until = (timezone.localtime() + dt.timedelta(hours=120)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("grocery:surplus_new"),
        {"shop": shop.pk, "category": "pain", "what": "Pains de la veille", "kg": "4", "until": until},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    offer = SurplusOffer.objects.get()
    client.force_login(manager)
    assert "Pains de la veille" in client.get(reverse("grocery:surplus")).content.decode()
    client.post(reverse("grocery:surplus_step", args=[offer.pk, "accepter"]))
    offer.refresh_from_db()
    assert offer.accepted_by == grocery
    client.force_login(UserFactory())
    assert client.get(reverse("grocery:surplus_new")).status_code == 403
    client.force_login(manager)
    client.post(reverse("grocery:needs", args=[grocery.slug]), {"category": ["frais", "bebe"]})
    assert set(grocery.needs.values_list("category", flat=True)) == {"frais", "bebe"}


def test_an_accepted_offer_enters_the_stock_and_managers_record_the_rest(client):
    from solidarite.grocery import stock
    from solidarite.grocery.surplus_models import StockMove

    manager = UserFactory()
    grocery = _grocery("pres", "47.196000", managers=[manager])
    offer = _offer(ShopFactory(owned=True))
    surplus.take(by=manager, offer=offer, step="accept")
    stock.record(by=manager, grocery=grocery, category="pain", kg="2,5", source="distribution")
    balance = {label: (kg_in, kg_out) for label, kg_in, kg_out in stock.month_balance(grocery)}
    assert balance["pain et viennoiseries"] == (offer.kg, 2.5)
    with pytest.raises(PermissionDenied):
        stock.record(by=UserFactory(), grocery=grocery, category="pain", kg="1", source="loss")
    client.force_login(manager)
    bad = client.post(
        reverse("grocery:stock", args=[grocery.slug]), {"category": "pain", "source": "loss", "kg": "abc"}
    )
    assert bad.status_code == 400 and "Indiquez un poids" in bad.content.decode()
    assert StockMove.objects.count() == 2


def test_an_epicerie_s_collecting_association_gets_a_collection_its_volunteers_sign_up_for():
    manager, volunteer = UserFactory(), UserFactory()
    association = AssociationFactory(name="Les Glaneurs de Rezé")
    grocery = _grocery("pres", "47.196000", managers=[manager])
    grocery.collecting_association = association
    grocery.save()
    shop = ShopFactory(owned=True)
    offer = _offer(shop)
    surplus.take(by=manager, offer=offer, step="accept")
    offer.refresh_from_db()
    collection = offer.collection
    assert collection.association == association and collection.kind == "collection"
    assert collection.title == f"Collecte d'invendus : 12 baguettes ({shop.name})"
    assert collection.ends_at == offer.until and collection.address == shop.address
    assert collection.wants_volunteers and collection.volunteers_needed == 1
    participate(action=collection, user=volunteer, kind="volunteer")
    assert collection.participations.get().user == volunteer


def test_without_a_collecting_association_no_collection_is_published():
    manager = UserFactory()
    _grocery("pres", "47.196000", managers=[manager])
    offer = _offer(ShopFactory(owned=True))
    surplus.take(by=manager, offer=offer, step="accept")
    offer.refresh_from_db()
    assert offer.collection is None and not Action.objects.exists()


def test_an_offer_costs_the_same_queries_whatever_the_number_of_matched_epiceries():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    shop = ShopFactory(owned=True)
    for i in range(2):
        _grocery(f"e{i}", "47.196000", managers=[UserFactory(), UserFactory()])
    with CaptureQueriesContext(connection) as few:
        _offer(shop)
    for i in range(2, 8):
        _grocery(f"e{i}", "47.196000", managers=[UserFactory(), UserFactory()])
    with CaptureQueriesContext(connection) as many:
        offer = _offer(shop)
    assert offer.matches.count() == 8
    assert len(many) == len(few)


def test_needs_are_set_through_the_service_and_a_made_up_category_changes_nothing(client):
    manager = UserFactory()
    grocery = _grocery("pres", "47.196000", needs=("pain",), managers=[manager])
    with pytest.raises(PermissionDenied):
        surplus.set_needs(by=UserFactory(), grocery=grocery, categories=["frais"])
    client.force_login(manager)
    bad = client.post(reverse("grocery:needs", args=[grocery.slug]), {"category": ["frais", "caviar"]})
    assert bad.status_code == 400 and "Choisissez les catégories dans la liste" in bad.content.decode()
    assert list(grocery.needs.values_list("category", flat=True)) == ["pain"]


def test_a_manager_of_two_matched_epiceries_accepts_for_the_one_whose_button_was_pressed(client):
    manager = UserFactory()
    _grocery("pres", "47.196000", managers=[manager])
    second = _grocery("loin", "47.230000", managers=[manager])
    offer = _offer(ShopFactory(owned=True))
    client.force_login(manager)
    page = client.get(reverse("grocery:surplus")).content.decode()
    assert f'name="epicerie" value="{second.pk}"' in page
    client.post(reverse("grocery:surplus_step", args=[offer.pk, "accepter"]), {"epicerie": second.pk})
    offer.refresh_from_db()
    assert offer.accepted_by == second
