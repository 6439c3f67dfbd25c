"""Page feeds of the rooms (checked by the socket consumer)."""

from solidarite.notifications.feeds import Feed, register_feed


def register():
    from associations.rooms.services import WEEK_FEED

    # Public like the week page itself: its events carry a room id and a time range only.
    register_feed(Feed(WEEK_FEED, public=True))
