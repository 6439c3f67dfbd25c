from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from solidarite.help import checks, offers, requests
from solidarite.help.models import HelpOffer, HelpRequest
from solidarite.places.geo import Point, distance_km
from solidarite.rights import mandates
from tests.factories import UserFactory, quartier
from tests.help.factories import HOME, category, make_offer, make_request
from tests.rights.factories import make_mandate

pytestmark = pytest.mark.django_db


def test_a_request_stores_the_private_point_and_a_fuzzed_public_one(user):
    post = make_request(user)
    assert (post.latitude, post.longitude) == (HOME.lat, HOME.lon)
    assert post.public_point != HOME
    assert distance_km(post.public_point, HOME) < 0.5
    assert post.quartier.slug == "pont-rousseau"


def test_a_request_by_quartier_only_is_placed_at_the_quartier(user):
    post = make_request(user, point=None, quartier=quartier("ragon"))
    assert post.point == quartier("ragon").center


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"window_end": timezone.now() - timedelta(days=2)}, "window_end", "après le début"),
        (
            {"window_start": timezone.now() - timedelta(days=3), "window_end": timezone.now() - timedelta(days=1)},
            "window_end",
            "déjà passée",
        ),
        ({"description": "   "}, "description", "quelques mots"),
        ({"description": "x" * 2001}, "description", "trop long"),
        ({"category": 999999}, "category", "catégorie"),
        ({"point": Point(48.8566, 2.3522)}, "point", "en dehors"),
        ({"point": None}, "quartier", "quartier"),
        ({"tags": ["x" * 31]}, "tags", "30 caractères"),
    ],
)
def test_invalid_requests_are_refused_in_french_and_nothing_is_saved(user, change, field, message):
    with pytest.raises(ValidationError) as error:
        make_request(user, **change)
    assert message in " ".join(error.value.message_dict[field])
    assert not HelpRequest.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"radius_km": 0}, "radius_km"),
        ({"radius_km": -3}, "radius_km"),
        ({"radius_km": 500}, "radius_km"),
        ({"radius_km": "loin"}, "radius_km"),
        ({"slugs": ()}, "categories"),
        ({"available_until": timezone.localdate() - timedelta(days=1)}, "available_until"),
        ({"point": Point(47.5, -1.5)}, "point"),
        ({"description": ""}, "description"),
    ],
)
def test_invalid_offers_are_refused_and_nothing_is_saved(user, change, field):
    with pytest.raises(ValidationError) as error:
        make_offer(user, **change)
    assert field in error.value.message_dict
    assert not HelpOffer.objects.exists()


def test_an_inactive_category_cannot_be_chosen(user):
    bricolage = category("bricolage")
    bricolage.active = False
    bricolage.save()
    with pytest.raises(ValidationError):
        make_request(user)


def test_a_suspended_account_cannot_post():
    suspended = UserFactory(suspended=True)
    with pytest.raises(PermissionDenied):
        make_request(suspended)
    with pytest.raises(PermissionDenied):
        make_offer(suspended)
    assert not HelpRequest.objects.exists() and not HelpOffer.objects.exists()


def test_a_flood_of_posts_is_refused_with_a_clear_message(user, settings):
    settings.HELP_POSTS_PER_HOUR = 3
    make_request(user)
    make_offer(user)
    make_request(user)
    with pytest.raises(checks.RateLimited) as limited:
        make_offer(user)
    assert "patienter" in limited.value.message
    assert HelpRequest.objects.count() + HelpOffer.objects.count() == 3


def test_a_request_for_a_resident_goes_through_a_mandate_with_the_help_requests_scope(user):
    """Issue 15: no free consent box any more; the mediator picks an active mandate of their structure."""
    mediator = UserFactory(mediator=True)
    mandate = make_mandate(mediator, scopes=("help_requests",))
    with pytest.raises(ValidationError) as error:  # a neighbour cannot use someone else's mandate
        make_request(user, mandate=mandate.pk)
    assert "mandate" in error.value.message_dict
    appointments_only = make_mandate(mediator, scopes=("appointments",), resident_name="M. Leroy")
    with pytest.raises(ValidationError) as error:
        make_request(mediator, mandate=appointments_only)
    assert "mandate" in error.value.message_dict
    assert not HelpRequest.objects.exists()
    post = make_request(mediator, mandate=mandate)
    assert (post.resident_name, post.resident_phone) == ("Mme Durand", "02 40 11 22 33")
    assert post.mandate == mandate and post.consent_recorded_by == mediator
    act = mandate.acts.get()
    assert act.kind == "help_request" and act.by == mediator and act.url.endswith(f"/{post.pk}/")


def test_a_revoked_mandate_posts_nothing_and_purges_the_requests_copy():
    mediator = UserFactory(mediator=True)
    mandate = make_mandate(mediator)
    post = make_request(mediator, mandate=mandate)
    mandates.revoke(mandate=mandate, by=mediator)
    post.refresh_from_db()
    assert (post.resident_name, post.resident_phone) == ("", "")
    with pytest.raises(ValidationError):
        make_request(mediator, mandate=mandate)
    assert HelpRequest.objects.count() == 1


def test_only_the_author_closes_or_edits_a_request(user, other_user):
    post = make_request(user)
    with pytest.raises(PermissionDenied):
        requests.close_request(help_request=post, by=other_user)
    with pytest.raises(PermissionDenied):
        requests.update_request(help_request=post, by=other_user, description="Autre chose à faire", urgency="low")
    post.refresh_from_db()
    assert post.status == "open" and post.description.startswith("Une étagère")
    requests.close_request(help_request=post, by=user)
    assert HelpRequest.objects.get().status == "closed"


def test_only_the_author_pauses_an_offer(user, other_user):
    offer = make_offer(user)
    with pytest.raises(PermissionDenied):
        offers.offer_transition(offer=offer, by=other_user, name="pause")
    assert HelpOffer.objects.get().status == "open"
    offers.offer_transition(offer=offer, by=user, name="pause")
    assert HelpOffer.objects.get().status == "paused"


def test_a_residents_phone_follows_the_same_rules_as_every_other_phone():
    """Issue 13, item 7: one set of phone rules (solidarite.contact), here too; "0612" was accepted before."""
    mediator = UserFactory(mediator=True)
    for bad in ("0612", "appelez le matin", "+44 20 7946 0958"):
        with pytest.raises(ValidationError) as error:
            make_mandate(mediator, resident_phone=bad)
        assert "resident_phone" in error.value.message_dict
    post = make_request(mediator, mandate=make_mandate(mediator, resident_phone="+33 2 40 11 22 33"))
    assert post.resident_phone == "02 40 11 22 33"
