"""Creating and claiming a shop; staff turn claims into ownership; a second claim never takes over."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from solidarite.notifications.models import Notification
from solidarite.shops import services
from solidarite.shops.models import Shop, ShopClaim, ShopEvent
from tests.factories import UserFactory
from tests.shops.factories import OTHER_VALID_SIRET, VALID_SIRET, ShopFactory

pytestmark = pytest.mark.django_db


def new_shop(by, **extra):
    fields = {
        "name": "Épicerie du Port",
        "kind": Shop.Kind.FOOD,
        "address": "4 quai Léon-Sécher",
        "opening_hours": "Mo-Sa 09:00-19:00",
        "siret": VALID_SIRET,
    }
    fields.update(extra)
    return services.create_shop(by=by, **fields)


def test_a_created_shop_waits_for_staff_and_is_not_listed(user, staff):
    claim = new_shop(user, tags=["vrac", " Bio "], latitude=47.1955, longitude=-1.548)
    shop = claim.shop
    assert shop.status == Shop.Status.PENDING and shop.owner is None
    assert claim.created_shop and claim.status == ShopClaim.Status.PENDING
    assert sorted(shop.tags.names()) == ["bio", "vrac"]
    assert shop.quartier.slug == "pont-rousseau"  # nearest quartier from the point
    assert not Shop.objects.listed().exists()
    assert not shop.is_owner(user)
    assert Notification.objects.filter(user=staff, kind="shops.claim").exists()


def test_invalid_hours_siret_or_place_save_nothing(user):
    with pytest.raises(ValidationError) as exc:
        new_shop(user, opening_hours="Mo-Fr 9h-18h")
    assert "9h-18h" in " ".join(exc.value.message_dict["opening_hours"])
    with pytest.raises(ValidationError) as exc:
        new_shop(user, siret="73282932000075")
    assert "clé de contrôle" in " ".join(exc.value.message_dict["siret"])
    with pytest.raises(ValidationError) as exc:
        new_shop(user, latitude=48.85, longitude=2.35)
    assert "hors de la commune" in " ".join(exc.value.message_dict["latitude"])
    assert Shop.objects.count() == 0 and ShopClaim.objects.count() == 0


def test_staff_approval_makes_the_claimant_the_verified_owner(user, staff):
    claim = new_shop(user)
    shop = services.approve_claim(claim=claim, by=staff)
    assert shop.owner == user and shop.is_verified and shop.siret == VALID_SIRET
    assert shop.is_owner(user)
    assert Shop.objects.listed().get() == shop
    assert Notification.objects.filter(user=user, kind="shops.claim_approved").exists()
    assert list(shop.events.values_list("action", flat=True)) == ["created", "claim_approved"]


def test_only_staff_decide_claims(user, other_user):
    claim = new_shop(user)
    with pytest.raises(PermissionDenied):
        services.approve_claim(claim=claim, by=user)
    with pytest.raises(PermissionDenied):
        services.reject_claim(claim=claim, by=other_user, note="non")
    claim.refresh_from_db()
    assert claim.status == ShopClaim.Status.PENDING


def test_a_second_claim_never_takes_over_an_owned_shop(user, other_user, staff):
    shop = ShopFactory(owner=user)
    claim = services.claim_shop(shop=shop, by=other_user, siret=OTHER_VALID_SIRET, message="C'est à moi")
    shop.refresh_from_db()
    assert shop.owner == user and shop.siret == VALID_SIRET
    assert not shop.is_owner(other_user)
    assert claim.status == ShopClaim.Status.PENDING
    assert ShopEvent.objects.get(action="claimed").note == "demande concurrente"
    assert Notification.objects.filter(user=staff, title__startswith="Demandes concurrentes").exists()
    with pytest.raises(PermissionDenied):
        services.update_shop(shop=shop, by=other_user, changes={"name": "Volé"})


def test_approving_one_competing_claim_declines_the_others(staff):
    shop = ShopFactory()
    first, second = UserFactory(), UserFactory()
    claim_a = services.claim_shop(shop=shop, by=first, siret=VALID_SIRET)
    claim_b = services.claim_shop(shop=shop, by=second, siret=VALID_SIRET)
    services.approve_claim(claim=claim_b, by=staff, note="Kbis vu en mairie")
    claim_a.refresh_from_db()
    shop.refresh_from_db()
    assert shop.owner == second
    assert claim_a.status == ShopClaim.Status.REJECTED and "autre demande" in claim_a.decision_note
    assert Notification.objects.filter(user=first, kind="shops.claim_outrun").exists()
    with pytest.raises(ValidationError):
        services.approve_claim(claim=claim_a, by=staff)


def test_a_person_cannot_stack_claims_or_claim_their_own_shop(user):
    shop = ShopFactory()
    services.claim_shop(shop=shop, by=user, siret=VALID_SIRET)
    with pytest.raises(ValidationError, match="déjà en attente"):
        services.claim_shop(shop=shop, by=user, siret=VALID_SIRET)
    owned = ShopFactory(owner=user)
    with pytest.raises(ValidationError, match="déjà ce commerce"):
        services.claim_shop(shop=owned, by=user, siret=VALID_SIRET)


def test_rejecting_needs_a_reason_that_is_sent(user, staff):
    claim = new_shop(user)
    with pytest.raises(ValidationError):
        services.reject_claim(claim=claim, by=staff, note=" ")
    services.reject_claim(claim=claim, by=staff, note="SIRET d'un autre commerce")
    note = Notification.objects.get(user=user, kind="shops.claim_rejected")
    assert note.body == "SIRET d'un autre commerce"


def test_suspended_people_cannot_create_or_claim():
    suspended = UserFactory(suspended=True)
    with pytest.raises(PermissionDenied):
        new_shop(suspended)
    with pytest.raises(PermissionDenied):
        services.claim_shop(shop=ShopFactory(), by=suspended, siret=VALID_SIRET)


def test_staff_verify_checks_the_siret_and_hide_needs_a_reason(staff):
    shop = ShopFactory(pending=True)
    with pytest.raises(ValidationError):
        services.verify_shop(shop=shop, by=staff, siret="123")
    shop.refresh_from_db()
    assert not shop.is_verified
    services.verify_shop(shop=shop, by=staff, siret="732 829 320 00074")
    shop.refresh_from_db()
    assert shop.is_verified and shop.siret == VALID_SIRET
    with pytest.raises(ValidationError):
        services.set_hidden(shop=shop, by=staff, hidden=True, reason="")
    services.set_hidden(shop=shop, by=staff, hidden=True, reason="Fermé définitivement")
    assert not Shop.objects.listed().exists()
