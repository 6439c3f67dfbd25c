"""Actions of associations (events, collections, workshops…), their occurrences when they repeat, and who
joins them. Defined apart from ``models`` (which re-exports them) to keep each module readable."""

import datetime as dt
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from associations.directory.listing import ListingQuerySet
from associations.directory.text import normalize


def occurrence_starts(starts_at, ends_at, recurrence, recurrence_until, *, start=None, end=None):
    """Start times (aware) of an action's occurrences overlapping [start, end); all of them without bounds.

    A plain function, so the agenda can expand rows read with ``values_list`` without building models.
    """
    duration = ends_at - starts_at
    if not recurrence or not recurrence_until:
        starts = [starts_at]
    else:
        tz = ZoneInfo(settings.TIME_ZONE)
        # Expanded in local wall-clock time: a 14 h workshop stays at 14 h across the DST change.
        first = timezone.localtime(starts_at, tz).replace(tzinfo=None)
        until = dt.datetime.combine(recurrence_until, dt.time(23, 59, 59))
        if recurrence == Action.Recurrence.MONTHLY:
            local = list(rrule.rrule(rrule.MONTHLY, dtstart=first, until=until))
        else:
            step = dt.timedelta(weeks=2 if recurrence == Action.Recurrence.BIWEEKLY else 1)
            if end is not None:
                until = min(until, timezone.localtime(end, tz).replace(tzinfo=None) + dt.timedelta(days=1))
            k = 0
            if start is not None:
                # Jump straight to the window (a step early: an occurrence may still be running).
                gap = timezone.localtime(start, tz).replace(tzinfo=None) - duration - first
                k = max(0, gap // step - 1)
            local = []
            value = first + k * step
            while value <= until:
                local.append(value)
                value += step
        # The first one is the action's own instant: its wall time alone would lose which pass of the
        # repeated autumn hour it is.
        starts = [starts_at if value == first else value.replace(tzinfo=tz) for value in local]
    return [value for value in starts if (start is None or value + duration > start) and (end is None or value < end)]


class ActionQuerySet(ListingQuerySet):
    def published(self):
        return self.filter(status=Action.Status.PUBLISHED)

    def public(self):
        """Published actions of listed associations."""
        return (
            self.published()
            .filter(association__hidden=False, association__merged_into__isnull=True)
            .exclude(association__status="refused")  # Association.Status.REFUSED
        )

    def upcoming(self, now=None):
        return self.filter(last_ends_at__gte=now or timezone.now())

    def between(self, start, end):
        """Actions with at least a chance of an occurrence in [start, end): refined by ``occurrences``."""
        return self.filter(starts_at__lt=end, last_ends_at__gte=start)


class Action(models.Model):
    """Something an association does and invites the town to: an event, a collection, a workshop…"""

    class Kind(models.TextChoices):
        EVENT = "event", _("événement")
        COLLECTION = "collection", _("collecte")
        DISTRIBUTION = "distribution", _("distribution")
        WORKSHOP = "workshop", _("atelier")
        PERMANENCE = "permanence", _("permanence")

    class Status(models.TextChoices):
        PUBLISHED = "published", _("publiée")
        CANCELLED = "cancelled", _("annulée")

    class Recurrence(models.TextChoices):
        NONE = "", _("une seule fois")
        WEEKLY = "weekly", _("chaque semaine")
        BIWEEKLY = "biweekly", _("toutes les deux semaines")
        MONTHLY = "monthly", _("chaque mois")

    association = models.ForeignKey(
        "directory.Association", verbose_name=_("association"), on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(_("titre"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.EVENT)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    recurrence = models.CharField(_("répétition"), max_length=10, choices=Recurrence.choices, blank=True, default="")
    recurrence_until = models.DateField(_("jusqu'au"), null=True, blank=True)
    # End of the last occurrence: lets SQL keep only actions still to come, recurring or not.
    last_ends_at = models.DateTimeField(editable=False, db_index=True)
    place_name = models.CharField(_("lieu"), max_length=200, blank=True)
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    quartier = models.ForeignKey(
        "places.Quartier", verbose_name=_("quartier"), null=True, blank=True, on_delete=models.SET_NULL
    )
    tags = TaggableManager(_("thèmes"), blank=True)
    wants_volunteers = models.BooleanField(_("cherche des bénévoles"), default=False)
    volunteers_needed = models.PositiveSmallIntegerField(_("nombre de bénévoles cherchés"), null=True, blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    cancel_reason = models.TextField(_("raison de l'annulation"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.TextField(editable=False, default="")

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.last_ends_at = self.compute_last_ends_at()
        self.set_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "last_ends_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:action", kwargs={"pk": self.pk})

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def duration(self) -> dt.timedelta:
        return self.ends_at - self.starts_at

    def compute_last_ends_at(self):
        if not self.recurrence or not self.recurrence_until:
            return self.ends_at
        occurrences = self.occurrence_starts()
        return (occurrences[-1] if occurrences else self.starts_at) + self.duration

    def occurrence_starts(self, start=None, end=None) -> list[dt.datetime]:
        """Start times (aware) of the occurrences overlapping [start, end); all of them without bounds."""
        return occurrence_starts(
            self.starts_at, self.ends_at, self.recurrence, self.recurrence_until, start=start, end=end
        )

    def next_start(self, now=None):
        upcoming = self.occurrence_starts(start=now or timezone.now())
        return upcoming[0] if upcoming else None

    def set_search_text(self, tag_names=None) -> None:
        if tag_names is None:
            tags_part = self.search_text.split("\n", 1)[1] if "\n" in self.search_text else ""
        else:
            tags_part = normalize(" ".join(tag_names))
        self.search_text = normalize(" ".join([self.title, self.place_name, self.address])) + "\n" + tags_part


class Participation(models.Model):
    """Someone says "je viens" or "je donne un coup de main" for an action."""

    class Kind(models.TextChoices):
        ATTEND = "attend", _("je viens")
        VOLUNTEER = "volunteer", _("je donne un coup de main")

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="action_participations")
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["action", "user", "kind"], name="directory_participation_unique")
        ]

    def __str__(self):
        return f"{self.user} — {self.action} ({self.get_kind_display()})"
