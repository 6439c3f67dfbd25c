from django.contrib.auth import get_user_model
from django.utils import timezone


class ActivityMiddleware:
    """Remember the day a person was last seen (one write per person per day at most).

    ``last_login`` only moves at sign-in; a person who stays signed in for two years is active,
    and the inactive-accounts purge must know it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            today = timezone.localdate()
            if user.last_seen_on != today:
                get_user_model().objects.filter(pk=user.pk).update(last_seen_on=today, inactivity_warned_at=None)
                user.last_seen_on = today
        return self.get_response(request)
