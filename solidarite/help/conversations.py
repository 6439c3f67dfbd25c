"""The conversation of an accepted match: messages between its two sides."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.accounts.roles import require_poster
from solidarite.help.checks import CANNOT_POST, MESSAGE_MAX, RateLimited, messages_per_ten_minutes
from solidarite.help.feeds import MATCH_FEED, message_payload
from solidarite.help.models import Message
from solidarite.help.workflow import side_of
from solidarite.notifications.realtime import push_feed_event_on_commit
from solidarite.notifications.services import notify


def send_message(*, match, by, body) -> Message:
    if side_of(match, by) is None:
        raise PermissionDenied(_("Cette conversation ne vous concerne pas."))
    require_poster(by, CANNOT_POST)
    if not match.conversation_open:
        raise ValidationError({"body": _("La conversation s'ouvre quand la mise en relation est acceptée.")})
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Le message est vide.")})
    if len(body) > MESSAGE_MAX:
        raise ValidationError({"body": _("Message trop long : %(n)s caractères au plus.") % {"n": MESSAGE_MAX}})
    since = timezone.now() - timedelta(minutes=10)
    if Message.objects.filter(author=by, created_at__gte=since).count() >= messages_per_ten_minutes():
        raise RateLimited(_("Vous envoyez beaucoup de messages. Merci de patienter quelques minutes."))
    with transaction.atomic():
        message = Message.objects.create(match=match, author=by, body=body)
        data = message_payload(message)
        match_id = match.pk
        push_feed_event_on_commit(MATCH_FEED, str(match_id), "message", data)
        other = match.offer.author if match.request.author_id == by.pk else match.request.author
        if other is not None:
            notify(
                other,
                "help.message",
                {
                    "people": {"name": by.pk},
                    "url": reverse("help:match", args=[match.pk]),
                    "data": {"match": match.pk},
                },
            )
    return message
