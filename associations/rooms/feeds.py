"""Page feeds of the rooms (checked by the socket consumer): a room's public week, told of each change."""

import datetime as dt

from solidarite.notifications.feeds import Feed, register_feed
from solidarite.notifications.realtime import push_feed_event_on_commit

WEEK_FEED = "room-week"


def register():
    # Public like the week page itself: its events carry a room id and a time range only.
    register_feed(Feed(WEEK_FEED, public=True))


def week_change(bookings) -> dict:
    """What a room's public week feed says of a change: the room and the time range, nothing else.

    Who booked is left to the page, which the browser fetches again through the week view and its
    privacy rules (an association's name only if it chose to be public, never a neighbour's).
    """
    return {
        "room": bookings[0].room_id,
        "start": min(b.start for b in bookings).astimezone(dt.UTC).isoformat(),
        "end": max(b.end for b in bookings).astimezone(dt.UTC).isoformat(),
    }


def push_week(bookings, event: str) -> None:
    room_id, data = bookings[0].room_id, week_change(bookings)
    push_feed_event_on_commit(WEEK_FEED, str(room_id), event, data)
