"""End to end over the socket: a new request reaches the matched offerer at once, nobody else;
the request's page and the conversation update live, for their members only."""

import json

import pytest
from asgiref.sync import sync_to_async

from solidarite.help import conversations, matches
from tests.factories import UserFactory
from tests.help.factories import HOME, make_offer, make_request, printed
from tests.sockets import connected, live_settings, receive, receive_until, session_cookie  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def test_a_new_request_notifies_the_offerers_socket_and_nobody_else():
    requester, offerer, third = [await sync_to_async(UserFactory)() for _ in range(3)]
    await sync_to_async(make_offer)(offerer)
    offerer_socket = await connected(await sync_to_async(session_cookie)(offerer))
    third_socket = await connected(await sync_to_async(session_cookie)(third))

    help_request = await sync_to_async(make_request)(requester)

    message = await receive(offerer_socket)
    assert message["type"] == "notification" and message["kind"] == "help.match_proposed"
    assert "bricolage" in message["body"]
    raw = json.dumps(message)
    for secret in (*printed(HOME), requester.email):
        assert secret not in raw
    assert message["url"].startswith("/entraide/mises-en-relation/")
    assert await third_socket.receive_nothing(timeout=0.5)
    assert help_request.pk
    await offerer_socket.disconnect()
    await third_socket.disconnect()


async def test_the_request_page_feed_shows_matches_live_to_its_author_only():
    requester, offerer, third = [await sync_to_async(UserFactory)() for _ in range(3)]
    help_request = await sync_to_async(make_request)(requester)
    page = await connected(await sync_to_async(session_cookie)(requester))
    await page.send_json_to({"type": "subscribe", "feed": "help-request", "key": str(help_request.pk)})
    assert (await receive(page))["type"] == "subscribed"
    spy = await connected(await sync_to_async(session_cookie)(third))
    await spy.send_json_to({"type": "subscribe", "feed": "help-request", "key": str(help_request.pk)})
    assert (await receive(spy))["code"] == "forbidden"

    await sync_to_async(make_offer)(offerer)

    messages = await receive_until(page, "feed")
    event = messages[-1]
    assert event["feed"] == "help-request" and event["event"] == "matches"
    assert [m["offerer"] for m in event["data"]["matches"]] == [offerer.public_name]
    assert offerer.email not in json.dumps(messages)
    assert await spy.receive_nothing(timeout=0.5)
    await page.disconnect()
    await spy.disconnect()


async def test_conversation_messages_arrive_live_for_the_two_sides_only():
    requester, offerer, third = [await sync_to_async(UserFactory)() for _ in range(3)]
    await sync_to_async(make_offer)(offerer)
    help_request = await sync_to_async(make_request)(requester)
    match = await help_request.matches.aget()
    await sync_to_async(matches.transition)(match=match, by=offerer, name="offer_help")
    await sync_to_async(matches.transition)(match=match, by=requester, name="accept")

    offerer_page = await connected(await sync_to_async(session_cookie)(offerer))
    await offerer_page.send_json_to({"type": "subscribe", "feed": "help-match", "key": str(match.pk)})
    assert (await receive(offerer_page))["type"] == "subscribed"
    spy = await connected(await sync_to_async(session_cookie)(third))
    await spy.send_json_to({"type": "subscribe", "feed": "help-match", "key": str(match.pk)})
    assert (await receive(spy))["code"] == "forbidden"

    await sync_to_async(conversations.send_message)(match=match, by=requester, body="Samedi 10 h ?")

    received = await receive_until(offerer_page, "feed")
    assert received[-1]["data"]["body"] == "Samedi 10 h ?"
    assert await spy.receive_nothing(timeout=0.5)
    await offerer_page.disconnect()
    await spy.disconnect()
