"""Page feeds of neighbourhood help: their names, who may join them (checked by the socket
consumer), and the payloads pushed on them (public data only on the public feed)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from solidarite.help.models import HelpRequest, Match, Message
from solidarite.notifications.feeds import Feed, register_feed
from solidarite.notifications.realtime import push_feed_event_on_commit

PUBLIC_FEED = "help-public"
REQUEST_FEED = "help-request"
MATCH_FEED = "help-match"


def _can_follow_request(user, key: str) -> bool:
    # Only the author watches matches appear: others never learn who was matched.
    return key.isdigit() and HelpRequest.objects.filter(pk=int(key), author=user).exists()


def _can_join_conversation(user, key: str) -> bool:
    # The two sides; a mediator's request has the mediator as its author, so they are a side.
    return key.isdigit() and Match.objects.involving(user).filter(pk=int(key)).exists()


def register():
    register_feed(Feed(PUBLIC_FEED, public=True))
    register_feed(Feed(REQUEST_FEED, can_join=_can_follow_request))
    register_feed(Feed(MATCH_FEED, can_join=_can_join_conversation))


def public_post_payload(post) -> dict:
    kind = "request" if isinstance(post, HelpRequest) else "offer"
    if kind == "request":
        categories = [post.category.name]
        url = reverse("help:request", args=[post.pk])
    else:
        categories = [c.name for c in post.categories.all()]
        url = reverse("help:offer", args=[post.pk])
    return {
        "kind": kind,
        "id": post.pk,
        "categories": categories,
        "quartier": post.quartier.name,
        "lat": post.public_latitude,
        "lon": post.public_longitude,
        "name": post.author_name,
        "url": url,
    }


def push_public_on_commit(event, post):
    if event == "removed":
        data = {"kind": "request" if isinstance(post, HelpRequest) else "offer", "id": post.pk}
    else:
        data = public_post_payload(post)
    push_feed_event_on_commit(PUBLIC_FEED, "", event, data)


def match_payload(match: Match) -> dict:
    return {
        "id": match.pk,
        "status": match.status,
        "status_label": str(match.get_status_display()),
        "explanation": match.explanation,
        "score": match.score,
        "offerer": match.offer.author_name,
        "url": reverse("help:match", args=[match.pk]),
    }


def push_match_on_commit(match: Match, event: str):
    data = match_payload(match)
    push_feed_event_on_commit(REQUEST_FEED, str(match.request_id), event, data)
    if event == "status":
        push_feed_event_on_commit(MATCH_FEED, str(match.pk), "status", data)


def message_payload(message: Message) -> dict:
    return {
        "id": message.pk,
        "author": message.author.public_name if message.author_id else str(_("Compte supprimé")),
        "author_id": message.author_id,
        "body": "" if message.hidden else message.body,
        "hidden": message.hidden,
        "created_at": message.created_at.isoformat(),
    }
