"""Page feeds a socket may subscribe to, registered by the apps that publish them.

A feed is public (anyone, signed in or not, e.g. the public help feed) or guarded by
``can_join(user, key)``, which runs on the server before the socket joins the group
(e.g. only the two sides of a match join its conversation).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

KEY_RE = re.compile(r"^[A-Za-z0-9_-]{0,40}$")


@dataclass(frozen=True)
class Feed:
    name: str
    public: bool = False
    can_join: Callable[[object, str], bool] | None = None

    def allows(self, user, key: str) -> bool:
        if self.public:
            return True
        if not user.is_authenticated or self.can_join is None:
            return False
        return bool(self.can_join(user, key))


_feeds: dict[str, Feed] = {}


def register_feed(feed: Feed) -> None:
    _feeds[feed.name] = feed


def get_feed(name: str) -> Feed | None:
    return _feeds.get(name)
