"""A room's week updates live: anyone's socket follows the room's public feed; each booking made,
approved, refused or cancelled there is pushed after commit, naming only the room and the time range."""

import datetime as dt
import json

import pytest
from asgiref.sync import sync_to_async
from django.db import transaction

from associations.rooms import decisions, feeds, services
from tests.factories import UserFactory
from tests.rooms.factories import AssociationFactory, RoomFactory, manager_of
from tests.sockets import connected, live_settings, receive, session_cookie  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SECRET_NAME = "Les Amis Discrets du Jardin"


async def follow(room, session_key=None):
    socket = await connected(session_key)
    await socket.send_json_to({"type": "subscribe", "feed": feeds.WEEK_FEED, "key": str(room.pk)})
    assert await receive(socket) == {"type": "subscribed", "feed": feeds.WEEK_FEED, "key": str(room.pk)}
    return socket


def utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat()


def _world(needs_approval=False):
    room = RoomFactory(needs_approval=needs_approval)
    association = AssociationFactory(name=SECRET_NAME)
    return room, association, manager_of(association), UserFactory(staff=True)


async def test_a_booking_reaches_the_open_week_pages_of_its_room_with_only_the_room_and_the_range(slot):
    room, association, manager, _staff = await sync_to_async(_world)()
    other_room = await sync_to_async(RoomFactory)()
    visitor = await follow(room)  # nobody signed in: the week page is public
    elsewhere = await follow(other_room)
    start, end = slot

    await sync_to_async(services.book)(
        room=room, association=association, by=manager, start=start, end=end, title="Assemblée", is_public=False
    )

    message = await receive(visitor)
    assert message == {
        "type": "feed",
        "feed": "room-week",
        "key": str(room.pk),
        "event": "booked",
        "data": {"room": room.pk, "start": utc(start), "end": utc(end)},
    }
    raw = json.dumps(message)
    for private in (SECRET_NAME, "Assemblée", manager.email, "booking"):
        assert private not in raw
    assert await elsewhere.receive_nothing(timeout=0.5)
    await visitor.disconnect()
    await elsewhere.disconnect()


async def test_a_booking_of_another_room_sends_nothing_to_this_room_feed(slot):
    room, association, manager, _staff = await sync_to_async(_world)()
    other_room = await sync_to_async(RoomFactory)()
    page = await follow(room)
    start, end = slot

    await sync_to_async(services.book)(room=other_room, association=association, by=manager, start=start, end=end)

    assert await page.receive_nothing(timeout=0.5)
    await page.disconnect()


async def test_approval_refusal_and_cancellation_are_pushed_too(slot):
    room, association, manager, staff = await sync_to_async(_world)(needs_approval=True)
    start, end = slot
    signed_in = await follow(room, await sync_to_async(lambda: session_cookie(UserFactory()))())

    def book(days):
        shift = dt.timedelta(days=days)
        return services.book(room=room, association=association, by=manager, start=start + shift, end=end + shift)

    first = await sync_to_async(book)(0)
    second = await sync_to_async(book)(1)
    assert [(await receive(signed_in))["event"] for _ in range(2)] == ["booked", "booked"]

    await sync_to_async(decisions.approve)(booking=first, by=staff)
    approved = await receive(signed_in)
    await sync_to_async(decisions.refuse)(booking=second, by=staff, message="Salle en travaux")
    refused = await receive(signed_in)
    await sync_to_async(decisions.cancel)(booking=first, by=manager, reason="Plus besoin")
    cancelled = await receive(signed_in)

    assert [approved["event"], refused["event"], cancelled["event"]] == ["approved", "refused", "cancelled"]
    assert refused["data"]["start"] == utc(start + dt.timedelta(days=1))
    for message in (approved, refused, cancelled):
        assert set(message["data"]) == {"room", "start", "end"}
        assert "travaux" not in json.dumps(message) and "besoin" not in json.dumps(message)
    await signed_in.disconnect()


async def test_a_series_is_one_event_spanning_its_dates(slot):
    room, association, manager, _staff = await sync_to_async(_world)()
    start, end = slot
    page = await follow(room)

    await sync_to_async(services.book_series)(
        room=room,
        association=association,
        by=manager,
        start=start,
        end=end,
        frequency="weekly",
        until=(start + dt.timedelta(weeks=3)).date(),
    )

    message = await receive(page)
    assert (message["data"]["start"], message["data"]["end"]) == (utc(start), utc(end + dt.timedelta(weeks=3)))
    assert await page.receive_nothing(timeout=0.5)
    await page.disconnect()


async def test_nothing_is_pushed_before_commit_nor_for_a_rolled_back_booking(slot):
    room, association, manager, _staff = await sync_to_async(_world)()
    start, end = slot
    page = await follow(room)

    def book_then_roll_back():
        with transaction.atomic():
            services.book(room=room, association=association, by=manager, start=start, end=end)
            raise RuntimeError("the caller's transaction fails after the booking")

    with pytest.raises(RuntimeError):
        await sync_to_async(book_then_roll_back)()

    assert await page.receive_nothing(timeout=0.5)
    await page.disconnect()
