from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "solidarite.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from solidarite.accounts import personal_data
        from solidarite.notifications.models import Notification

        personal_data.register(
            personal_data.PersonalDataHandler(
                label="notifications",
                models=(Notification,),
                export=lambda user: list(
                    Notification.objects.for_user(user)
                    .order_by("id")
                    .values("kind", "title", "body", "url", "created_at", "read_at")
                ),
                erase=_erase,
            )
        )


def _erase(user):
    from solidarite.notifications.models import Notification
    from solidarite.notifications.services import scrub_legacy

    Notification.objects.for_user(user).delete()
    scrub_legacy(user)
