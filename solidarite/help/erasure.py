"""What an erased account leaves live in neighbourhood help: ended in the erase transaction.

``personal_data.erase`` calls ``end_live_help`` first, before posts are deleted or anonymised:

- their open or paused posts are closed: they leave the public feed and map and never match again
  (a kept, anonymised post used to stay open and match, and its NULL author broke ``notify_many``);
- their pending matches (proposed, offered) are withdrawn, and the neighbour on the other side is
  told, without being told who it was (the name goes nowhere, not even in the live page push);
- the other side of an accepted match is told the person left; the conversation stays readable for
  them (the messages of the erased person are replaced by a neutral line, see ``personal_data``);
- the thanks they wrote, and its copy in the helper's notification, go with them.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.help.feeds import MATCH_FEED, REQUEST_FEED, match_payload, push_public_on_commit
from solidarite.help.models import HelpOffer, HelpRequest, Match
from solidarite.help.workflow import MATCH
from solidarite.notifications.kinds import GONE
from solidarite.notifications.models import Notification
from solidarite.notifications.realtime import push_feed_event_on_commit
from solidarite.notifications.services import notify_many

PENDING = (Match.Status.PROPOSED, Match.Status.OFFERED)


def end_live_help(user) -> None:
    notices = []
    matches = (
        Match.objects.involving(user)
        .filter(status__in=[*PENDING, Match.Status.ACCEPTED])
        .select_related("request__author", "offer__author")
        .order_by("id")
    )
    for match in matches:
        theirs_is_request = match.request.author_id == user.pk
        other = match.offer.author if theirs_is_request else match.request.author
        if match.status in PENDING:
            _withdraw(match, gone_offerer=not theirs_is_request)
            kind, notice = "help.pending_match_gone", _withdrawn_notice(match, other_is_requester=not theirs_is_request)
        else:
            kind = "help.partner_gone"
            notice = {
                "params": {},
                "body": _(
                    "La conversation reste lisible. Si vous avez encore besoin d'aide, publiez une nouvelle demande."
                )
                if not theirs_is_request
                else "",
                "url": reverse("help:match", args=[match.pk]),
                "data": {"match": match.pk},
            }
        if other is not None and other.pk != user.pk:
            notices.append((other, kind, notice))
    _close_posts(user)
    Match.objects.filter(request__author=user).exclude(thanks="").update(thanks="")
    Notification.objects.filter(
        kind="help.match_done",
        data__match__in=list(Match.objects.filter(request__author=user).values_list("pk", flat=True)),
    ).update(body="")
    notify_many(notices)


def _withdrawn_notice(match, *, other_is_requester: bool) -> dict:
    # The match goes with the erased person's post: link to what the other side still has.
    url = reverse("help:request", args=[match.request_id]) if other_is_requester else reverse("help:my_posts")
    return {
        "params": {},
        "body": match.explanation,
        "url": url,
    }


def _withdraw(match, *, gone_offerer: bool) -> None:
    """``matches.move`` without its push of the erased person's name to the request's page."""
    MATCH.move(match, "withdraw", by=None)
    data = {**match_payload(match), **({"offerer": str(GONE)} if gone_offerer else {})}
    request_id, match_id = match.request_id, match.pk
    push_feed_event_on_commit(REQUEST_FEED, str(request_id), "status", data)
    push_feed_event_on_commit(MATCH_FEED, str(match_id), "status", data)


def _close_posts(user) -> None:
    for model, live in (
        (HelpRequest, [HelpRequest.Status.OPEN]),
        (HelpOffer, [HelpOffer.Status.OPEN, HelpOffer.Status.PAUSED]),
    ):
        posts = list(model.objects.filter(author=user, status__in=live))
        model.objects.filter(pk__in=[p.pk for p in posts]).update(status=model.Status.CLOSED, updated_at=timezone.now())
        for post in posts:
            push_public_on_commit("removed", post)
