from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from solidarite.help.models import HelpOffer, HelpRequest, Match, Message, Report
from tests.factories import UserFactory
from tests.help.factories import category, make_offer, make_request
from tests.rights.factories import make_mandate

pytestmark = pytest.mark.django_db


def _local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def test_the_public_feed_lists_open_requests_for_visitors(client, requester):
    make_request(requester)
    html = client.get(reverse("help:feed")).content.decode()
    assert "Bricolage" in html and "Pont-Rousseau" in html and requester.public_name in html
    assert 'data-live-feed="help-public"' in html
    assert client.get(reverse("help:offer_feed")).status_code == 200


def test_the_feed_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    for _ in range(3):
        author = UserFactory()
        make_request(author, tags=["perceuse"])
        make_offer(author, slugs=("bricolage", "jardinage"))
    with django_assert_num_queries(20, exact=False) as few:
        client.get(reverse("help:feed"))
    with django_assert_num_queries(20, exact=False) as few_offers:
        client.get(reverse("help:offer_feed"))
    for _ in range(6):
        author = UserFactory()
        make_request(author)
        make_offer(author, slugs=("bricolage", "jardinage"))
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("help:feed"))
    with django_assert_num_queries(len(few_offers.captured_queries)):
        client.get(reverse("help:offer_feed"))


def test_my_posts_runs_a_constant_number_of_queries(requester, client_for, django_assert_num_queries):
    client = client_for(requester)
    make_request(requester)
    make_offer(requester, slugs=("jardinage",))
    client.get(reverse("help:my_posts"))
    with django_assert_num_queries(30, exact=False) as before:
        client.get(reverse("help:my_posts"))
    for _ in range(3):
        make_request(requester)
        make_offer(requester, slugs=("jardinage",))
    with django_assert_num_queries(len(before.captured_queries)):
        assert client.get(reverse("help:my_posts")).status_code == 200


def test_posting_a_request_through_the_form(requester, client_for):
    now = timezone.now()
    response = client_for(requester).post(
        reverse("help:request_new"),
        {
            "category": category().pk,
            "description": "Une étagère à fixer au mur du salon.",
            "tags": "perceuse, étagère",
            "quartier": "",
            "latitude": "47.19612",
            "longitude": "-1.54733",
            "window_start": _local(now + timedelta(hours=1)),
            "window_end": _local(now + timedelta(days=3)),
            "urgency": "normal",
        },
    )
    post = HelpRequest.objects.get()
    assert response.status_code == 302 and response.url == reverse("help:request", args=[post.pk])
    assert set(post.tags.names()) == {"perceuse", "étagère"}


def test_an_invalid_form_rerenders_with_a_french_error_and_saves_nothing(requester, client_for):
    now = timezone.now()
    response = client_for(requester).post(
        reverse("help:request_new"),
        {
            "category": category().pk,
            "description": "Une étagère à fixer.",
            "quartier": "",
            "latitude": "48.8566",
            "longitude": "2.3522",
            "window_start": _local(now + timedelta(days=3)),
            "window_end": _local(now + timedelta(days=1)),
            "urgency": "normal",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "La fin doit venir après le début." in html and "en dehors de Rezé" in html
    assert not HelpRequest.objects.exists()


def test_posting_an_offer_through_the_form_with_weekly_slots(offerer, client_for):
    response = client_for(offerer).post(
        reverse("help:offer_new"),
        {
            "categories": [category().pk, category("jardinage").pk],
            "description": "J'ai une perceuse et du temps libre.",
            "quartier": "",
            "latitude": "47.19072",
            "longitude": "-1.54733",
            "radius_km": "2",
            "weekly_slots": "mar 14:00-18:00, sam 9h-12h",
            "alerts": "capped",
            "alerts_per_day": "2",
        },
    )
    assert response.status_code == 302
    offer = HelpOffer.objects.get()
    assert offer.weekly_slots == [[1, 840, 1080], [5, 540, 720]]
    assert offer.offer_categories.count() == 2


def test_a_suspended_account_is_refused_the_form(client_for):
    client = client_for(UserFactory(suspended=True))
    assert client.get(reverse("help:request_new")).status_code == 403
    assert client.post(reverse("help:offer_new"), {}).status_code == 403


def test_visitors_are_sent_to_sign_in_to_post(client):
    response = client.get(reverse("help:request_new"))
    assert response.status_code == 302 and "/compte/" in response.url


def test_the_requester_sees_matches_on_the_request_page(matched, requester, client_for):
    html = client_for(requester).get(reverse("help:request", args=[matched.request_id])).content.decode()
    assert matched.explanation in html and 'data-live-feed="help-request"' in html


def test_only_the_two_sides_see_a_match(matched, requester, offerer, third, client_for, client):
    url = reverse("help:match", args=[matched.pk])
    assert client_for(requester).get(url).status_code == 200
    assert client_for(offerer).get(url).status_code == 200
    assert client_for(third).get(url).status_code == 404
    assert client.get(url).status_code == 302


def test_the_wrong_user_cannot_accept_or_close(matched, requester, offerer, third, client_for):
    client_for(offerer).post(reverse("help:match_transition", args=[matched.pk, "offer_help"]))
    assert Match.objects.get().status == "offered"
    assert client_for(third).post(reverse("help:match_transition", args=[matched.pk, "accept"])).status_code == 404
    assert client_for(offerer).post(reverse("help:match_transition", args=[matched.pk, "accept"])).status_code == 403
    assert Match.objects.get().status == "offered"
    response = client_for(third).post(reverse("help:request_close", args=[matched.request_id]))
    assert response.status_code == 403 and HelpRequest.objects.get().status == "open"
    response = client_for(requester).post(reverse("help:offer_status", args=[matched.offer_id, "fermer"]))
    assert response.status_code == 403 and HelpOffer.objects.get().status == "open"


def test_the_conversation_works_without_javascript(accepted, requester, offerer, client_for):
    url = reverse("help:match", args=[accepted.pk])
    response = client_for(requester).post(url, {"body": "Bonjour Yann, samedi 10 h ?"})
    assert response.status_code == 302
    html = client_for(offerer).get(url).content.decode()
    assert "Bonjour Yann, samedi 10 h ?" in html and requester.phone in html
    assert client_for(requester).post(url, {"body": ""}).status_code == 400
    assert Message.objects.count() == 1


def test_reporting_a_post_and_staff_moderation_pages(requester, third, staff, client_for):
    post = make_request(requester)
    response = client_for(third).post(
        reverse("help:report", args=["demande", post.pk]), {"reason": "spam", "details": "Pub"}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert client_for(third).get(reverse("help:moderation")).status_code == 403
    assert client_for(staff).get(reverse("help:moderation")).status_code == 200
    assert client_for(third).post(reverse("help:moderate", args=[report.pk]), {"action": "hide"}).status_code == 403
    response = client_for(staff).post(reverse("help:moderate", args=[report.pk]), {"action": "warn", "note": ""})
    assert response.status_code == 400
    response = client_for(staff).post(reverse("help:moderate", args=[report.pk]), {"action": "hide", "note": ""})
    assert response.status_code == 302 and HelpRequest.objects.get().status == "hidden"
    assert client_for(third).get(reverse("help:request", args=[post.pk])).status_code == 404


def test_a_message_can_only_be_reported_by_a_side(accepted, requester, offerer, third, client_for):
    from solidarite.help import conversations

    message = conversations.send_message(match=accepted, by=offerer, body="Bonjour")
    url = reverse("help:report", args=["message", message.pk])
    assert client_for(third).get(url).status_code == 404
    assert client_for(requester).get(url).status_code == 200


def test_every_form_page_renders_for_its_user(matched, requester, offerer, staff, client_for):
    from solidarite.help import reporting

    mediator = UserFactory(mediator=True)
    assert 'name="mandate"' not in client_for(mediator).get(reverse("help:request_new")).content.decode()
    make_mandate(mediator)  # a mediator with a running mandate chooses for whom they post
    html = client_for(mediator).get(reverse("help:request_new")).content.decode()
    assert 'name="mandate"' in html and "Mme Durand — mandat n°" in html
    assert 'name="mandate"' not in client_for(requester).get(reverse("help:request_new")).content.decode()
    assert client_for(offerer).get(reverse("help:offer_new")).status_code == 200
    assert client_for(requester).get(reverse("help:request_edit", args=[matched.request_id])).status_code == 200
    assert client_for(offerer).get(reverse("help:request_edit", args=[matched.request_id])).status_code == 404
    html = client_for(offerer).get(reverse("help:offer", args=[matched.offer_id])).content.decode()
    assert "Mettre en pause" in html
    report = reporting.report(by=offerer, target=matched.request, reason="spam")
    assert client_for(staff).get(reverse("help:moderate", args=[report.pk])).status_code == 200


def test_editing_a_request_through_the_form(matched, requester, client_for):
    response = client_for(requester).post(
        reverse("help:request_edit", args=[matched.request_id]),
        {"description": "Finalement deux étagères.", "tags": "perceuse", "urgency": "high"},
    )
    assert response.status_code == 302
    post = HelpRequest.objects.get()
    assert post.description == "Finalement deux étagères." and post.urgency == "high"


def test_the_match_page_offers_each_side_its_own_actions(matched, requester, offerer, client_for):
    url = reverse("help:match", args=[matched.pk])
    assert "Je peux aider" in client_for(offerer).get(url).content.decode()
    assert "Je peux aider" not in client_for(requester).get(url).content.decode()
    client_for(offerer).post(reverse("help:match_transition", args=[matched.pk, "offer_help"]))
    assert "Accepter cette aide" in client_for(requester).get(url).content.decode()


def test_the_feed_is_translated_into_english(client, requester):
    make_request(requester)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("help:feed"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "DIY and repairs" in html and "Ask for help" in html
