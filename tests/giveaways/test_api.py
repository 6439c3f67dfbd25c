"""/api/v1/giveaways/…: gifts on offer are public without any exact place; food is refused in French; the
pickup details and contacts reach the two sides of an accepted match only."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from solidarite.giveaways.models import Gift, GiftMatch
from tests.giveaways.factories import HOME, make_gift, make_wish


def _body(**extra):
    now = timezone.now()
    body = {
        "title": "Lit parapluie",
        "description": "Lit parapluie pliant avec son sac de transport.",
        "category": "puericulture",
        "pickup_from": now.isoformat(),
        "pickup_until": (now + dt.timedelta(days=5)).isoformat(),
        "pickup_details": "Au 5 rue Cachée",
        "latitude": HOME.lat,
        "longitude": HOME.lon,
    }
    return body | extra


def test_a_neighbour_offers_by_api_and_the_list_shows_no_exact_place(client, giver, wisher):
    make_wish(wisher)
    client.force_login(giver)
    answer = client.post(reverse("api:giveaways-gift-list"), _body(), content_type="application/json")
    assert answer.status_code == 201, answer.json()
    assert GiftMatch.objects.count() == 1
    client.logout()
    listed = client.get(reverse("api:giveaways-gift-list")).content.decode()
    assert "Lit parapluie" in listed
    for secret in (str(HOME.lat), str(HOME.lon), "rue Cachée"):
        assert secret not in listed


def test_food_is_refused_by_api_with_the_hygiene_message(client, giver):
    client.force_login(giver)
    answer = client.post(
        reverse("api:giveaways-gift-list"), _body(category="alimentation"), content_type="application/json"
    )
    assert answer.status_code == 400
    assert "hygiène" in answer.json()["errors"]["category"][0]
    assert not Gift.objects.exists()


def test_a_visitor_cannot_offer(client):
    answer = client.post(reverse("api:giveaways-gift-list"), _body(), content_type="application/json")
    assert answer.status_code in (401, 403)


def test_the_wisher_accepts_by_api_and_then_both_read_the_details(client, giver, wisher, third):
    make_wish(wisher)
    make_gift(giver)
    match = GiftMatch.objects.get()
    client.force_login(wisher)
    before = client.get(reverse("api:giveaways-match-list")).json()["results"][0]
    assert before["pickup_details"] == "" and before["contacts"] == []
    assert before["transitions"] == ["accept", "decline"]
    step = reverse("api:giveaways-match-step", args=[match.pk])
    after = client.post(step, {"step": "accept"}, content_type="application/json")
    assert after.status_code == 200, after.json()
    assert after.json()["pickup_details"] == "3 rue du Secret, interphone 12"
    assert {"label": "Téléphone", "value": "06 12 34 56 78"} in after.json()["contacts"]
    client.force_login(giver)
    seen = client.get(reverse("api:giveaways-match-list")).json()["results"][0]
    assert {"label": "Nom", "value": "Karim"} in seen["contacts"]
    client.force_login(third)
    assert client.post(step, {"step": "accept"}, content_type="application/json").status_code == 404
    assert client.get(reverse("api:giveaways-gift-detail", args=[match.gift_id])).status_code == 404


def test_the_giver_records_the_weight_by_api(client, giver, wisher):
    make_wish(wisher)
    gift = make_gift(giver)
    client.force_login(wisher)
    client.post(
        reverse("api:giveaways-match-step", args=[GiftMatch.objects.get().pk]),
        {"step": "accept"},
        content_type="application/json",
    )
    client.force_login(giver)
    url = reverse("api:giveaways-gift-step", args=[gift.pk])
    missing = client.post(url, {"step": "give"}, content_type="application/json")
    assert missing.status_code == 400 and "poids" in str(missing.json())
    given = client.post(url, {"step": "give", "weight_kg": "6.5"}, content_type="application/json")
    assert given.status_code == 200 and given.json()["status"] == "given"
    assert given.json()["weight_kg"] == "6.5"
