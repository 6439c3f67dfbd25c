"""Matching a new post, after its commit, and telling both sides: the offerers' alert caps and
the daily digest of the matches that waited quietly."""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from solidarite.help import matching
from solidarite.help.feeds import REQUEST_FEED, match_payload
from solidarite.help.models import HelpOffer, HelpRequest, Match
from solidarite.notifications.realtime import push_feed_event_on_commit
from solidarite.notifications.services import notify_many


def match_request(*, help_request: HelpRequest, tag_names=None) -> list[Match]:
    if not help_request.is_open:
        return []
    with transaction.atomic():
        made = matching.match_new_request(help_request, tag_names=tag_names, alert=_may_alert)
        _announce(made, to_requester=True)
    return made


def match_offer(*, offer_id: int) -> list[Match]:
    offer = HelpOffer.objects.select_related("author").filter(pk=offer_id).first()
    if offer is None or offer.author_id is None or offer.status != HelpOffer.Status.OPEN:  # erased meanwhile
        return []
    with transaction.atomic():
        made = matching.match_new_offer(offer, alert=lambda _offer: True)
        _announce(made, to_requester=False)
    return made


def _announce(matches: list[Match], *, to_requester: bool):
    """Tell both sides. A new request tells each offerer (within their alert cap) and its author
    once; a new offer tells each requester and its author once. All the notifications of one
    matching go out together (``notify_many``)."""
    if not matches:
        return
    first = matches[0]
    count = len(matches)
    pushed, quiet = [], []
    if to_requester:
        help_request = first.request
        pushed.append(
            (
                help_request.author,
                "help.helpers_found",
                {
                    "params": {"n": count},
                    "body": first.explanation,
                    "url": reverse("help:request", args=[help_request.pk]),
                    "data": {"request": help_request.pk},
                },
            )
        )
        for match in matches:
            payload = _match_alert(match)
            # Within the cap, the row was written alerted (``_may_alert``, asked by the matching).
            if match.offerer_alerted_at is not None:
                pushed.append((match.offer.author, "help.match_proposed", payload))
            else:
                # Past the cap (or digest): the match waits in the notifications page, without a
                # push; ``expire_help_posts --digest`` sums them up once a day.
                quiet.append((match.offer.author, "help.match_proposed_quiet", payload))
    else:
        offer = first.offer
        pushed.append(
            (
                offer.author,
                "help.requests_found",
                {
                    "params": {"n": count},
                    "body": first.explanation,
                    "url": reverse("help:my_posts"),
                },
            )
        )
        pushed.extend(
            (
                match.request.author,
                "help.helper_found",
                {
                    "params": {},
                    "body": match.explanation,
                    "url": reverse("help:match", args=[match.pk]),
                    "data": {"match": match.pk},
                },
            )
            for match in matches
        )
    # A new request's people were just seen: its author by the request's row committed a moment
    # ago, the offerers read with their offers by the matching, in this transaction.
    notify_many(pushed, read_just_now=to_requester)
    notify_many(quiet, push=False, read_just_now=to_requester)
    # One event per request page for the whole batch: each group_send is a round trip.
    by_request = {}
    for match in matches:
        by_request.setdefault(match.request_id, []).append(match_payload(match))
    for request_id, payloads in by_request.items():
        data = {"matches": payloads}
        push_feed_event_on_commit(REQUEST_FEED, str(request_id), "matches", data)


def _match_alert(match: Match) -> dict:
    return {
        "params": {"category": match.request.category.name},
        "body": match.explanation,
        "url": reverse("help:match", args=[match.pk]),
        "data": {"match": match.pk},
    }


def _may_alert(offer: HelpOffer) -> bool:
    """Whether the offerer gets a push for a new match now, within their alert cap."""
    return offer.alerts == HelpOffer.Alerts.IMMEDIATE or (
        offer.alerts == HelpOffer.Alerts.CAPPED and alerts_today(offer.author) < offer.alerts_per_day
    )


def alerts_today(user) -> int:
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return Match.objects.filter(offer__author=user, offerer_alerted_at__gte=start).count()


def send_digests(*, now=None) -> int:
    """One notification per offerer with matches that waited quietly in the last day."""
    now = now or timezone.now()
    since = now - timedelta(days=1)
    pending = {}
    for user_id in Match.objects.filter(
        created_at__gte=since, offerer_alerted_at__isnull=True, status=Match.Status.PROPOSED
    ).values_list("offer__author_id", flat=True):
        pending[user_id] = pending.get(user_id, 0) + 1
    from solidarite.accounts.models import User

    notify_many(
        [
            (user, "help.digest", {"params": {"n": pending[user.pk]}, "url": reverse("notifications:list")})
            for user in User.objects.filter(pk__in=pending)
        ]
    )
    return len(pending)
