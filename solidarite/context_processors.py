from django.conf import settings
from django.db.models import Count, Max, Q

from solidarite.notifications.models import Notification


def platform(request):
    context = {"TOWN_NAME": settings.TOWN_NAME, "unread_notifications": 0, "last_notification_id": 0}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # One query for the header's badge and the id the live socket replays from.
        figures = Notification.objects.for_user(user).aggregate(
            unread=Count("id", filter=Q(read_at__isnull=True)), last_id=Max("id")
        )
        context["unread_notifications"] = figures["unread"]
        context["last_notification_id"] = figures["last_id"] or 0
    return context
