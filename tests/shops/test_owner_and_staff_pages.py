"""Owner forms and the staff verification queue, through the pages (no JavaScript)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from solidarite.shops.models import Initiative, Shop, ShopClaim
from tests.factories import UserFactory
from tests.shops.factories import OTHER_VALID_SIRET, VALID_SIRET, InitiativeFactory, ShopFactory

pytestmark = pytest.mark.django_db


def shop_form_data(**extra):
    data = {
        "name": "Épicerie du Port",
        "kind": "alimentation",
        "address": "4 quai Léon-Sécher",
        "opening_hours": "Mo-Sa 09:00-19:00",
        "tags_text": "vrac, bio",
        "payment_means": ["cash", "solidarity-voucher"],
        "siret": VALID_SIRET,
    }
    data.update(extra)
    return data


def test_a_neighbour_creates_a_shop_that_waits_for_staff(client_for, user):
    response = client_for(user).post(reverse("shops:create"), shop_form_data())
    shop = Shop.objects.get()
    assert response.status_code == 302 and response.url == shop.get_absolute_url()
    assert shop.status == Shop.Status.PENDING and shop.payment_means == ["cash", "solidarity-voucher"]
    assert ShopClaim.objects.get().user == user


def test_invalid_hours_or_siret_rerender_in_french_with_400_and_save_nothing(client_for, user):
    response = client_for(user).post(
        reverse("shops:create"), shop_form_data(opening_hours="Mo-Fr 9h-18h", siret="12345678901234")
    )
    assert response.status_code == 400
    assert "Horaires non reconnus à partir de « 9h-18h »" in response.text
    assert "clé de contrôle" in response.text
    assert not Shop.objects.exists()


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(reverse("shops:create"))
    assert response.status_code == 302 and "/compte/" in response.url


def test_owner_edits_and_others_get_403(client_for, user, other_user):
    shop = ShopFactory(owner=user, name="Avant")
    url = reverse("shops:edit", args=[shop.slug])
    data = shop_form_data(name="Après")
    assert client_for(other_user).post(url, data).status_code == 403
    assert client_for(UserFactory(staff=True)).get(url).status_code == 403
    shop.refresh_from_db()
    assert shop.name == "Avant"
    assert client_for(user).get(url).status_code == 200
    assert client_for(user).post(url, data).status_code == 302
    shop.refresh_from_db()
    assert shop.name == "Après" and sorted(shop.tags.names()) == ["bio", "vrac"]


def test_owner_edit_with_bad_hours_keeps_the_old_ones(client_for, user):
    shop = ShopFactory(owner=user, opening_hours="Mo-Sa 09:00-19:00")
    response = client_for(user).post(reverse("shops:edit", args=[shop.slug]), shop_form_data(opening_hours="Lu 9-12"))
    assert response.status_code == 400 and "Mo Tu We Th Fr Sa Su" in response.text
    shop.refresh_from_db()
    assert shop.opening_hours == "Mo-Sa 09:00-19:00"


def test_a_second_claim_through_the_page_changes_nothing_until_staff_decide(client_for, user, other_user, staff):
    shop = ShopFactory(owner=user)
    response = client_for(other_user).post(reverse("shops:claim", args=[shop.slug]), {"siret": OTHER_VALID_SIRET})
    assert response.status_code == 302
    shop.refresh_from_db()
    assert shop.owner == user
    queue = client_for(staff).get(reverse("shops:verification"))
    assert "Demandes concurrentes" in queue.text and other_user.email in queue.text
    assert client_for(other_user).get(reverse("shops:verification")).status_code == 403
    claim = ShopClaim.objects.get(user=other_user)
    assert client_for(other_user).post(reverse("shops:claim_approve", args=[claim.pk])).status_code == 403
    client_for(staff).post(reverse("shops:claim_approve", args=[claim.pk]), {"note": "Reprise du fonds"})
    shop.refresh_from_db()
    assert shop.owner == other_user


def test_staff_reject_needs_a_reason(client_for, staff):
    claim = ShopClaim.objects.create(shop=ShopFactory(), user=UserFactory(), siret=VALID_SIRET)
    client_for(staff).post(reverse("shops:claim_reject", args=[claim.pk]), {"note": ""})
    claim.refresh_from_db()
    assert claim.status == ShopClaim.Status.PENDING
    client_for(staff).post(reverse("shops:claim_reject", args=[claim.pk]), {"note": "Pas le bon SIRET"})
    claim.refresh_from_db()
    assert claim.status == ShopClaim.Status.REJECTED


def test_staff_hide_and_show(client_for, client, staff):
    shop = ShopFactory()
    client_for(staff).post(reverse("shops:hide", args=[shop.slug]), {"reason": "Fermé définitivement"})
    assert client.get(shop.get_absolute_url()).status_code == 404
    client_for(staff).post(reverse("shops:show", args=[shop.slug]))
    assert client.get(shop.get_absolute_url()).status_code == 200


def test_owner_publishes_edits_and_ends_an_initiative(client_for, user, other_user):
    shop = ShopFactory(owner=user)
    today = timezone.localdate()
    data = {
        "kind": "anti-gaspi",
        "title": "Paniers du soir",
        "description": "3 € le panier",
        "starts_on": today.isoformat(),
    }
    url = reverse("shops:initiative_create", args=[shop.slug])
    assert client_for(other_user).post(url, data).status_code == 403
    assert client_for(user).post(url, data).status_code == 302
    initiative = Initiative.objects.get()
    edit = reverse("shops:initiative_edit", args=[initiative.pk])
    bad = dict(data, ends_on=(today - timedelta(days=1)).isoformat())
    response = client_for(user).post(edit, bad)
    assert response.status_code == 400 and "La date de fin est avant la date de début" in response.text
    initiative.refresh_from_db()
    assert initiative.ends_on is None
    assert client_for(other_user).post(reverse("shops:initiative_end", args=[initiative.pk])).status_code == 403
    client_for(user).post(reverse("shops:initiative_end", args=[initiative.pk]))
    initiative.refresh_from_db()
    assert initiative.ended_at is not None


def test_initiatives_listing_and_feeds(client):
    InitiativeFactory(title="Repair café du samedi", kind="repair-cafe")
    InitiativeFactory(title="Pas encore", starts_on=timezone.localdate() + timedelta(days=5))
    InitiativeFactory(title="Masquée", shop=ShopFactory(hidden=True))
    page = client.get(reverse("shops:initiatives")).text
    assert "Repair café du samedi" in page and "Pas encore" in page and "Masquée" not in page
    rss = client.get(reverse("shops:initiatives_rss"))
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert b"Repair caf\xc3\xa9 du samedi" in rss.content and b"Masqu" not in rss.content
    atom = client.get(reverse("shops:initiatives_atom"))
    assert atom["Content-Type"].startswith("application/atom+xml") and b"<entry>" in atom.content


def test_the_feed_escapes_what_a_shopkeeper_typed(client):
    InitiativeFactory(title="Panier", description='<img src=x onerror="alert(1)"> du pain')
    rss = client.get(reverse("shops:initiatives_rss")).content.decode()
    # XML-escaped once more by the generator: a feed reader shows the tag as text, never runs it.
    assert "&amp;lt;img src=x" in rss and "<img" not in rss and "&lt;img" not in rss


def test_my_shops_lists_owned_shops_and_claims(client_for, user):
    ShopFactory(owner=user, name="Mon café")
    ShopClaim.objects.create(shop=ShopFactory(name="La librairie"), user=user, siret=VALID_SIRET)
    html = client_for(user).get(reverse("shops:mine")).text
    assert "Mon café" in html and "La librairie" in html and "en attente" in html
