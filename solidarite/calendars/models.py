"""The secret addresses of personal iCal feeds: one table for every app that offers one.

A feed address is a capability: whoever holds the URL reads the calendar, so the token is the only key.
Each person has at most one token per feed; a new one revokes the old address at once.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class FeedToken(models.Model):
    class Feed(models.TextChoices):
        ROOMS = "rooms", _("réservations de salles")
        RIGHTS = "rights", _("rendez-vous de permanence")
        REPAIRS = "repairs", _("repair cafés")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_tokens")
    feed = models.CharField(max_length=16, choices=Feed.choices)
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    # When the address was made (renewed with it): the retention of idle feeds counts from here.
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("jeton de calendrier personnel")
        verbose_name_plural = _("jetons de calendrier personnel")
        constraints = [models.UniqueConstraint(fields=["user", "feed"], name="calendars_one_token_per_feed")]

    def __str__(self):
        return f"{self.user} — {self.get_feed_display()}"
