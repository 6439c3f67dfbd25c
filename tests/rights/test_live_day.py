"""The agent's day list, live: only the permanence's agents join its feed; a booking, a cancellation or a
mark is pushed after commit, naming the permanence and the day only. The waiting list's offer reaches the
first person's socket. Days are derived from the permanence's hours (tests/conftest.py TEST_NOW)."""

import json

import pytest
from asgiref.sync import sync_to_async
from django.db import transaction
from django.urls import reverse

from solidarite.rights import appointments, feeds, waitlist
from tests.factories import UserFactory
from tests.rights.factories import every_bookable_start, free_starts, make_permanence
from tests.sockets import connected, live_settings, receive, receive_until, session_cookie  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.date_sensitive]
REASON = "numerique"


def _world():
    agent, colleague = UserFactory(), UserFactory()
    permanence = make_permanence(agents=[agent])
    other = make_permanence(slug="autre-permanence", place=permanence.place, agents=[colleague])
    return permanence, other, agent, colleague


async def follow(user, permanence):
    socket = await connected(await sync_to_async(session_cookie)(user) if user else None)
    await socket.send_json_to({"type": "subscribe", "feed": feeds.DAY_FEED, "key": str(permanence.pk)})
    return socket, await receive(socket)


async def test_only_the_permanences_agents_join_its_day_feed():
    permanence, _other, agent, colleague = await sync_to_async(_world)()
    stranger = await sync_to_async(UserFactory)()
    for user in (None, stranger, colleague):  # a visitor, a neighbour, the agent of another permanence
        socket, answer = await follow(user, permanence)
        assert (answer["type"], answer["code"]) == ("error", "forbidden")
        await socket.disconnect()
    socket, answer = await follow(agent, permanence)
    assert answer == {"type": "subscribed", "feed": "rights-day", "key": str(permanence.pk)}
    await socket.disconnect()


async def test_a_booking_and_a_cancellation_reach_the_agents_day_list_with_no_name():
    permanence, other, agent, colleague = await sync_to_async(_world)()
    resident = await sync_to_async(UserFactory)(display_name="Rémi Discret")
    page, _answer = await follow(agent, permanence)
    elsewhere, _answer = await follow(colleague, other)
    start = (await sync_to_async(free_starts)(permanence))[0]

    booked = await sync_to_async(appointments.book)(permanence=permanence, by=resident, start=start, reason=REASON)
    event = (await receive_until(page, "feed"))[-1]
    await sync_to_async(appointments.cancel)(appointment=booked, by=resident)
    cancelled = (await receive_until(page, "feed"))[-1]

    day = booked.local_start.date().isoformat()
    expected = {"permanence": permanence.pk, "day": day}
    assert (event["feed"], event["key"], event["event"], event["data"]) == (
        "rights-day",
        str(permanence.pk),
        "changed",
        expected,
    )
    assert cancelled["data"] == expected
    raw = json.dumps([event, cancelled])
    assert "Rémi" not in raw and resident.email not in raw and "numerique" not in raw
    assert await elsewhere.receive_nothing(timeout=0.5)
    await page.disconnect()
    await elsewhere.disconnect()


async def test_nothing_is_pushed_for_a_booking_rolled_back():
    permanence, _other, agent, _colleague = await sync_to_async(_world)()
    page, _answer = await follow(agent, permanence)
    start = (await sync_to_async(free_starts)(permanence))[0]

    def book_then_fail():
        with transaction.atomic():
            appointments.book(permanence=permanence, by=UserFactory(), start=start, reason=REASON)
            raise RuntimeError("the caller's transaction fails after the booking")

    with pytest.raises(RuntimeError):
        await sync_to_async(book_then_fail)()
    # The agent is told by a notification too; no feed event may come.
    assert await page.receive_nothing(timeout=0.5)
    await page.disconnect()


def _full_with_one_waiting():
    permanence = make_permanence(opening_hours="Tu 14:00-15:00", walk_in_hours="", weeks_ahead=2)
    booked = [
        appointments.book(permanence=permanence, by=UserFactory(), start=start, reason=REASON)
        for start in every_bookable_start(permanence)
    ]
    person = UserFactory()
    waitlist.join(permanence=permanence, by=person)
    return permanence, booked[0], person


async def test_the_first_person_waiting_is_told_live_when_a_slot_frees_up():
    permanence, freed, person = await sync_to_async(_full_with_one_waiting)()
    socket = await connected(await sync_to_async(session_cookie)(person))

    await sync_to_async(appointments.cancel)(appointment=freed, by=await sync_to_async(lambda: freed.resident)())

    message = (await receive_until(socket, "notification"))[-1]
    assert message["kind"] == "rights.waitlist_offer"
    assert message["title"] == "Un créneau s'est libéré : Permanence logement du CCAS"
    assert message["url"].startswith(reverse("rights:book", args=[permanence.slug]))
    await socket.disconnect()


def test_the_day_page_follows_its_feed_and_works_without_its_script(client_for):
    permanence, _other, agent, _colleague = _world()
    start = free_starts(permanence)[0]
    appointments.book(permanence=permanence, by=UserFactory(display_name="Rémi Résident"), start=start, reason=REASON)
    url = reverse("rights:agent_day", args=[permanence.slug]) + f"?jour={start.date().isoformat()}"

    page = client_for(agent).get(url).content.decode()

    assert f'data-live-feed="rights-day" data-live-key="{permanence.pk}"' in page
    assert f'data-day="{start.date().isoformat()}"' in page
    assert "/static/rights/day.js" in page
    assert "Rémi Résident" in page  # the list itself is in the HTML: a reload shows it without JavaScript
