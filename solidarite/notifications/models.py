from django.conf import settings
from django.db import models
from django.db.models.query import ModelIterable
from django.utils.translation import gettext_lazy as _

from solidarite.notifications import kinds


class NotificationQuerySet(models.QuerySet):
    def _fetch_all(self):
        # Every reader (page, API, socket replay, admin) gets texts rendered from the current
        # people rows: a name is never read from the stored columns (see ``kinds``).
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._iterable_class is ModelIterable:
            kinds.render(self._result_cache)

    def for_user(self, user):
        return self.filter(user=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def after(self, last_id: int):
        return self.filter(id__gt=last_id).order_by("id")


class Notification(models.Model):
    """Persisted before it is pushed: the database is the source of truth, the socket a hint."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("type"), max_length=50)
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("texte"), blank=True)
    url = models.CharField(_("lien"), max_length=300, blank=True)
    data = models.JSONField(_("données"), default=dict, blank=True)
    # What a registered kind's text is rendered from when read (``kinds``): params and people ids.
    # Never sent to the browser.
    refs = models.JSONField(_("références"), default=dict, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    read_at = models.DateTimeField(_("lue le"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["user", "id"]),
            models.Index(fields=["user", "read_at"]),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # A rendered instance holds names in memory: what is written back stays neutral.
        if self.refs and kinds.registered(self.kind):
            title, body = kinds.texts(self.kind, self.refs, None)
            self.title = title
            if body is not None:
                self.body = body
        super().save(*args, **kwargs)
