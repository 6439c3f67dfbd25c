"""Initiatives: only the verified owner publishes; dates are checked; association partners are told."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from associations.directory.models import Association, Membership
from solidarite.notifications.models import Notification
from solidarite.shops import services
from solidarite.shops.models import Initiative, Shop
from solidarite.shops.search import partner_initiatives
from tests.factories import UserFactory
from tests.shops.factories import InitiativeFactory, ShopFactory

pytestmark = pytest.mark.django_db


def publish(shop, by, **extra):
    values = {
        "kind": Initiative.Kind.SUSPENDED,
        "title": "Café suspendu",
        "description": "Un café payé d'avance pour qui en a besoin.",
        "starts_on": timezone.localdate(),
    }
    values.update(extra)
    return services.publish_initiative(shop=shop, by=by, **values)


@pytest.fixture
def association():
    return Association.objects.create(
        name="Secours de Rezé", slug="secours-de-reze", purpose="Aide alimentaire", status=Association.Status.VERIFIED
    )


def test_the_owner_publishes_and_it_is_current(user):
    shop = ShopFactory(owner=user)
    initiative = publish(shop, user)
    assert initiative.is_current()
    assert list(Initiative.objects.current()) == [initiative]
    assert list(Shop.objects.with_current_initiative()) == [shop]


@pytest.mark.parametrize("who", ["stranger", "staff", "pending_claimant"])
def test_only_the_verified_owner_publishes(who):
    shop = ShopFactory(owned=True)
    by = UserFactory(staff=(who == "staff"))
    if who == "pending_claimant":
        services.claim_shop(shop=shop, by=by, siret=shop.siret)
    with pytest.raises(PermissionDenied):
        publish(shop, by)
    assert not Initiative.objects.exists()


def test_end_before_start_is_refused_in_french_and_nothing_saved(user):
    shop = ShopFactory(owner=user)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        publish(shop, user, starts_on=today, ends_on=today - timedelta(days=2))
    assert "avant la date de début" in exc.value.message_dict["ends_on"][0]
    with pytest.raises(ValidationError) as exc:
        publish(shop, user, starts_on=today - timedelta(days=30), ends_on=today - timedelta(days=1))
    assert "déjà passée" in exc.value.message_dict["ends_on"][0]
    assert not Initiative.objects.exists()


def test_partner_association_managers_are_told_and_see_it(user, association):
    manager = UserFactory()
    Membership.objects.create(association=association, user=manager, role=Membership.Role.MANAGER)
    shop = ShopFactory(owner=user)
    initiative = publish(shop, user, kind=Initiative.Kind.COLLECTION_POINT, association=association)
    note = Notification.objects.get(user=manager, kind="shops.partnership")
    assert shop.name in note.title and note.url == initiative.get_absolute_url()
    assert list(partner_initiatives(association)) == [initiative]


def test_ending_removes_it_from_current_and_forbids_further_edits(user):
    initiative = InitiativeFactory(shop=ShopFactory(owner=user))
    services.end_initiative(initiative=initiative, by=user)
    assert not Initiative.objects.current().exists()
    with pytest.raises(ValidationError):
        services.update_initiative(initiative=initiative, by=user, changes={"title": "Encore"})


def test_a_stranger_cannot_edit_or_end(user, other_user):
    initiative = InitiativeFactory(shop=ShopFactory(owner=user))
    with pytest.raises(PermissionDenied):
        services.update_initiative(initiative=initiative, by=other_user, changes={"title": "Pirate"})
    with pytest.raises(PermissionDenied):
        services.end_initiative(initiative=initiative, by=other_user)
    initiative.refresh_from_db()
    assert initiative.ended_at is None and initiative.title != "Pirate"


def test_initiatives_of_a_hidden_shop_are_not_current(staff):
    initiative = InitiativeFactory()
    services.set_hidden(shop=initiative.shop, by=staff, hidden=True, reason="Doublon")
    assert not Initiative.objects.current().exists()


def test_the_initiative_machine_offers_its_owner_edit_and_end_until_it_is_ended(client, user, other_user):
    from django.urls import reverse

    from solidarite.shops.workflow import INITIATIVE

    initiative = InitiativeFactory(shop=ShopFactory(owner=user))
    declared = {s for step in INITIATIVE for s in step.sources} | {step.target for step in INITIATIVE if step.target}
    assert declared == set(Initiative.State.values)
    assert INITIATIVE.names(initiative, user) == ["edit", "end"]
    assert INITIATIVE.names(initiative, other_user) == []
    client.force_login(user)
    page = client.get(reverse("shops:initiative", args=[initiative.pk])).content.decode()
    assert reverse("shops:initiative_end", args=[initiative.pk]) in page
    ended = services.end_initiative(initiative=initiative, by=user)
    first_end = ended.ended_at
    assert ended.state == Initiative.State.ENDED and first_end is not None
    assert services.end_initiative(initiative=initiative, by=user).ended_at == first_end  # a resent form
    assert INITIATIVE.names(ended, user) == []
    page = client.get(reverse("shops:initiative", args=[initiative.pk])).content.decode()
    assert reverse("shops:initiative_end", args=[initiative.pk]) not in page
    assert reverse("shops:initiative_edit", args=[initiative.pk]) not in page
