"""Only the verified owner edits a shop; invalid input saves nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from solidarite.shops import services
from solidarite.shops.models import Shop
from tests.factories import UserFactory
from tests.shops.factories import ShopFactory

pytestmark = pytest.mark.django_db


def test_the_verified_owner_edits_hours_tags_and_payment_means(user):
    shop = ShopFactory(owner=user)
    services.update_shop(
        shop=shop,
        by=user,
        changes={"opening_hours": "Tu-Sa 08:00-19:00; PH off", "payment_means": ["solidarity-voucher", "cash"]},
        tags=["café suspendu"],
    )
    shop.refresh_from_db()
    assert shop.opening_hours == "Tu-Sa 08:00-19:00; PH off"
    assert shop.payment_means == ["cash", "solidarity-voucher"]
    assert list(shop.tags.names()) == ["café suspendu"]
    assert shop.events.filter(action="edited", actor=user).exists()


@pytest.mark.parametrize("who", ["stranger", "staff", "owner_of_pending_shop"])
def test_nobody_else_edits(who, user):
    shop = ShopFactory(owner=user, name="Avant")
    if who == "stranger":
        by = UserFactory()
    elif who == "staff":
        by = UserFactory(staff=True)
    else:
        Shop.objects.filter(pk=shop.pk).update(status=Shop.Status.PENDING)
        shop.refresh_from_db()
        by = user
    with pytest.raises(PermissionDenied):
        services.update_shop(shop=shop, by=by, changes={"name": "Après"})
    shop.refresh_from_db()
    assert shop.name == "Avant"


def test_a_suspended_owner_cannot_edit():
    owner = UserFactory(suspended=True)
    shop = ShopFactory(owner=owner)
    with pytest.raises(PermissionDenied):
        services.update_shop(shop=shop, by=owner, changes={"name": "Après"})


def test_invalid_hours_save_nothing_at_all(user):
    shop = ShopFactory(owner=user, name="Avant", opening_hours="Mo-Sa 09:00-19:00")
    with pytest.raises(ValidationError) as exc:
        services.update_shop(shop=shop, by=user, changes={"name": "Après", "opening_hours": "Lu-Sa 9h-19h"})
    assert "Horaires non reconnus" in exc.value.message_dict["opening_hours"][0]
    shop.refresh_from_db()
    assert (shop.name, shop.opening_hours) == ("Avant", "Mo-Sa 09:00-19:00")


def test_owner_cannot_change_status_owner_or_siret(user):
    shop = ShopFactory(owner=user)
    with pytest.raises(ValueError):
        services.update_shop(shop=shop, by=user, changes={"owner": UserFactory()})


def test_unknown_payment_means_are_refused(user):
    shop = ShopFactory(owner=user)
    with pytest.raises(ValidationError) as exc:
        services.update_shop(shop=shop, by=user, changes={"payment_means": ["bitcoin"]})
    assert "bitcoin" in exc.value.message_dict["payment_means"][0]
