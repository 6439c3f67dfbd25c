"""Page feeds of neighbourhood help, and who may join them (checked by the socket consumer)."""

from solidarite.notifications.feeds import Feed, register_feed


def _can_follow_request(user, key: str) -> bool:
    from solidarite.help.models import HelpRequest

    # Only the author watches matches appear: others never learn who was matched.
    return key.isdigit() and HelpRequest.objects.filter(pk=int(key), author=user).exists()


def _can_join_conversation(user, key: str) -> bool:
    from solidarite.help.models import Match

    # The two sides; a mediator's request has the mediator as its author, so they are a side.
    return key.isdigit() and Match.objects.involving(user).filter(pk=int(key)).exists()


def register():
    from solidarite.help.services import MATCH_FEED, PUBLIC_FEED, REQUEST_FEED

    register_feed(Feed(PUBLIC_FEED, public=True))
    register_feed(Feed(REQUEST_FEED, can_join=_can_follow_request))
    register_feed(Feed(MATCH_FEED, can_join=_can_join_conversation))
