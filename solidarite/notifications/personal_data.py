"""What the personal-data registry (``accounts.personal_data``) exports and erases of a person's
notifications. Accounts registers it: notifications sits below accounts and imports nothing of it."""

from solidarite.notifications.models import Notification
from solidarite.notifications.services import scrub_legacy

MODELS = (Notification,)


def export(user) -> list[dict]:
    return list(
        Notification.objects.for_user(user)
        .order_by("id")
        .values("kind", "title", "body", "url", "created_at", "read_at")
    )


def erase(user) -> None:
    Notification.objects.for_user(user).delete()
    scrub_legacy(user)
