"""Page feeds a socket may subscribe to, registered by the apps that publish them.

A feed is public (anyone, signed in or not, e.g. the public help feed) or guarded by
``can_join(user, key)``, which runs on the server before the socket joins the group
(e.g. only the two sides of a match join its conversation).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

# Both end up in a channel-layer group name (ASCII letters, digits, "-", "_", "." only).
KEY_RE = re.compile(r"^[A-Za-z0-9_-]{0,40}$")
NAME_RE = re.compile(r"^[a-z0-9_-]{1,40}$")


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
    if not NAME_RE.match(feed.name):
        raise ValueError(f"feed name {feed.name!r}: lower-case letters, digits, '-' and '_' only")
    if not feed.public and feed.can_join is None:
        raise ValueError(f"feed {feed.name!r}: a private feed needs can_join")
    _feeds[feed.name] = feed


def unregister_feed(name: str) -> None:
    _feeds.pop(name, None)


def get_feed(name: str) -> Feed | None:
    return _feeds.get(name)
