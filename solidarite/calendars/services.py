"""The one way to make, renew, revoke and read a personal feed's secret address.

Who may have a feed (a poster, an agent…) is each app's rule, checked before calling these; reading a feed
by its token only answers for an active account, so a deactivated person's addresses stop at once.
"""

from solidarite.calendars.models import FeedToken, new_feed_token

Feed = FeedToken.Feed


def current(user, feed: str) -> FeedToken | None:
    """The person's token for this feed, without making one."""
    return FeedToken.objects.filter(user=user, feed=feed).first()


def ensure(user, feed: str) -> FeedToken:
    """The person's token for this feed, made on first use."""
    return FeedToken.objects.get_or_create(user=user, feed=feed)[0]


def renew(user, feed: str) -> FeedToken:
    """A new secret address: the old one stops working at once."""
    return FeedToken.objects.update_or_create(user=user, feed=feed, defaults={"token": new_feed_token()})[0]


def revoke(user, feed: str) -> None:
    FeedToken.objects.filter(user=user, feed=feed).delete()


def owner(token: str, feed: str):
    """The active account this feed address belongs to, or None (unknown, another feed's, or deactivated)."""
    found = FeedToken.objects.filter(token=token, feed=feed).select_related("user").first()
    if found is None or not found.user.is_active:
        return None
    return found.user
