"""Orchards and fruit trees on public land: people follow an orchard and are told when its fruit is ripe;
work days and harvests are the associations' actions (``directory``), linked to the garden or orchard.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.accounts.roles import require_poster
from solidarite.gardens import notices
from solidarite.gardens.models import Follow, Orchard, Ripeness
from solidarite.gardens.roles import require_manager
from solidarite.notifications.services import notify_many

# A fruit said ripe once a week at most: followers are not told the same news twice.
RIPE_AGAIN_AFTER = dt.timedelta(days=7)


def follow(*, by, orchard: Orchard) -> Follow:
    require_poster(by, _("Connectez-vous pour suivre un verger."))
    try:
        with transaction.atomic():
            return Follow.objects.create(orchard=orchard, person=by, created_at=timezone.now())
    except IntegrityError:  # already followed (a double click): nothing more to do
        return Follow.objects.get(orchard=orchard, person=by)


def unfollow(*, by, orchard: Orchard) -> None:
    require_poster(by)
    Follow.objects.filter(orchard=orchard, person=by).delete()


def fruits(orchard: Orchard) -> list[str]:
    return sorted(set(orchard.trees.values_list("fruit", flat=True)))


def announce_ripe(*, by, orchard: Orchard, fruit: str) -> Ripeness:
    """« Les pommes sont mûres au verger de … »: said by the orchard's managers, pushed to its followers."""
    require_manager(orchard, by)
    fruit = (fruit or "").strip()
    if fruit not in fruits(orchard):
        raise ValidationError({"fruit": _("Choisissez un des fruits des arbres de ce verger.")})
    now = timezone.now()
    with transaction.atomic():
        # The orchard's row, locked: two managers announcing at once tell the followers once.
        Orchard.objects.select_for_update().get(pk=orchard.pk)
        if Ripeness.objects.filter(orchard=orchard, fruit=fruit, at__gt=now - RIPE_AGAIN_AFTER).exists():
            raise ValidationError(_("C'est déjà annoncé cette semaine : les abonné·es l'ont reçu."))
        ripeness = Ripeness.objects.create(orchard=orchard, fruit=fruit, at=now, by=by)
        payload = notices.fruit_ripe(ripeness)
        people = [f.person for f in Follow.objects.filter(orchard=orchard).select_related("person")]
        notify_many([(person, notices.FRUIT_RIPE, payload) for person in people])
    return ripeness


def link_action(*, by, place, action) -> None:
    """Link a work day or a harvest (an association's action) to a garden or an orchard. An association's
    place takes its own actions; a town place may take any association's."""
    require_manager(place, by)
    if place.association_id is not None and action.association_id != place.association_id:
        raise ValidationError({"action": _("Choisissez une action de l'association qui gère ce lieu.")})
    if action.status != action.Status.PUBLISHED:
        raise ValidationError({"action": _("Cette action est annulée.")})
    place.actions.add(action)


def unlink_action(*, by, place, action) -> None:
    require_manager(place, by)
    place.actions.remove(action)


def choosable_actions(place):
    """The upcoming actions a manager may link to ``place`` (not yet linked)."""
    from associations.directory.models import Action

    rows = Action.objects.published().upcoming().order_by("starts_at")
    if place.association_id is not None:
        rows = rows.filter(association=place.association_id)
    return rows.exclude(pk__in=place.actions.values("pk"))[:50]
