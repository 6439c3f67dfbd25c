import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import router
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

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

        The query is compiled once per process (``_user_query``): building it through the ORM on
        every request cost ~1.3 ms of CPU, twice what running it costs (bench/pages.py, docs/traps.md)."""
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        sql, template, at = _user_query(router.db_for_read(User))
        params = list(template)  # a copy: the template is shared by every request thread of the process
        params[at] = pk
        user = next(iter(User._default_manager.raw(sql, params)), None)
        return user if user is not None and self.user_can_authenticate(user) else None


_SENTINEL_PK = 987_654_321_987


@functools.cache
def _user_query(alias: str) -> tuple[str, tuple, int]:
    """SQL and parameters of the person with their notification figures, as the ORM writes them for
    ``alias``, and the index of the person's id among the parameters."""
    mine = Notification.objects.filter(user=OuterRef("pk"))
    unread = mine.unread().order_by().values("user").annotate(n=Count("pk")).values("n")
    last = mine.order_by("-pk").values("pk")[:1]
    query = (
        User._default_manager.using(alias)
        .annotate(
            unread_notifications=Coalesce(Subquery(unread), 0),
            last_notification_id=Coalesce(Subquery(last), 0),
        )
        .filter(pk=_SENTINEL_PK)
        .query
    )
    sql, params = query.get_compiler(using=alias).as_sql()
    return sql, tuple(params), list(params).index(_SENTINEL_PK)
