"""The épicerie's live day view: a page feed its till volunteers and managers follow.

Events carry no data about anyone (a hint: "slots" or "visits" changed); the page fetches its own
list part again, behind its permission check.
"""

from solidarite.notifications.feeds import Feed, register_feed
from solidarite.notifications.realtime import push_feed_event_on_commit

DAY_FEED = "grocery-day"


def _can_follow_day(user, key: str) -> bool:
    from solidarite.grocery.models import Grocery

    grocery = Grocery.objects.filter(pk=int(key)).first() if key.isdigit() and len(key) < 19 else None
    return grocery is not None and grocery.is_till(user)


def register() -> None:
    register_feed(Feed(DAY_FEED, can_join=_can_follow_day))


def day_changed(grocery_id: int, what: str) -> None:
    """After commit, tell the day view of the épicerie that its slots or visits changed."""
    push_feed_event_on_commit(DAY_FEED, str(grocery_id), what, {})
