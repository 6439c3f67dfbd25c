from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import router
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from solidarite.compiled import Compiled
from solidarite.notifications.models import Notification

User = get_user_model()


class EmailBackend(ModelBackend):
    """Log in by e-mail, case-insensitively (``User.USERNAME_FIELD`` is the e-mail)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = kwargs.get("email", username)
        if email is None or password is None:
            return None
        return super().authenticate(request, username=email.strip().lower(), password=password)

    def get_user(self, user_id):
        """The signed-in person of a request, with what every page's header shows of their
        notifications (the unread count, the last id the live socket replays from) read in the
        same query: one round trip less on every page (context_processors.platform).

        The query is compiled once per process (``compiled.Compiled``): building it through the ORM on
        every request cost ~1.3 ms of CPU, twice what running it costs (bench/pages.py, docs/traps.md)."""
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        user = next(iter(_PERSON.instances(User, using=router.db_for_read(User), pk=pk)), None)
        return user if user is not None and self.user_can_authenticate(user) else None


def _person(p):
    """The person with their notification figures."""
    mine = Notification.objects.filter(user=OuterRef("pk"))
    unread = mine.unread().order_by().values("user").annotate(n=Count("pk")).values("n")
    last = mine.order_by("-pk").values("pk")[:1]
    return User._default_manager.annotate(
        unread_notifications=Coalesce(Subquery(unread), 0),
        last_notification_id=Coalesce(Subquery(last), 0),
    ).filter(pk=p.int("pk"))


_PERSON = Compiled(_person)
