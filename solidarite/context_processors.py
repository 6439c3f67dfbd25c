from django.conf import settings
from django.db.models import Count, Max, Q

from solidarite.notifications.models import Notification


def platform(request):
    context = {"TOWN_NAME": settings.TOWN_NAME, "unread_notifications": 0, "last_notification_id": 0}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context.update(notification_figures(user))
    return context


def notification_figures(user) -> dict:
    """The header's badge and the id the live socket replays from. Read with the person when the
    session brought them (accounts.backends.EmailBackend.get_user); one query otherwise (a person
    who has just signed in, an API token)."""
    if hasattr(user, "unread_notifications"):
        return {"unread_notifications": user.unread_notifications, "last_notification_id": user.last_notification_id}
    figures = Notification.objects.for_user(user).aggregate(
        unread=Count("id", filter=Q(read_at__isnull=True)), last_id=Max("id")
    )
    return {"unread_notifications": figures["unread"], "last_notification_id": figures["last_id"] or 0}
