"""The agent's day list, live: a page feed per permanence that only its agents may join.

Every write of an appointment (booked, moved, cancelled, marked; by a page, the API, a mediator or the
erase of an account) saves the row, so a ``post_save`` receiver is the one place that pushes, after
commit, whatever path wrote it. The event names only the permanence and the day changed; the page fetches
itself again through ``agent_day`` (and its permission), so nothing about a person travels on the socket.
"""

from django.db.models.signals import post_save

from solidarite.notifications.feeds import Feed, register_feed
from solidarite.notifications.realtime import push_feed_event_on_commit

DAY_FEED = "rights-day"


def _is_agent(user, key: str) -> bool:
    from solidarite.rights.permanence_models import Permanence

    if not (key.isdigit() and len(key) < 19 and user.is_active):
        return False
    return Permanence.objects.filter(pk=int(key), agents=user).exists()


def day_change(appointment) -> dict:
    return {"permanence": appointment.permanence_id, "day": appointment.local_start.date().isoformat()}


def _pushed(sender, instance, **kwargs) -> None:
    key, data = str(instance.permanence_id), day_change(instance)
    push_feed_event_on_commit(DAY_FEED, key, "changed", data)


def register() -> None:
    from solidarite.rights.permanence_models import Appointment

    register_feed(Feed(DAY_FEED, can_join=_is_agent))
    post_save.connect(_pushed, sender=Appointment, dispatch_uid="rights-day-feed")
