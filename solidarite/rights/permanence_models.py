"""Permanences with appointments: an agent receives residents at a point d'accueil, by slots.

A permanence has its own hours (OpenStreetMap syntax, or the place's when left empty), a slot
length, and hours that are walk-in only (« sans rendez-vous »): those slots are shown, not booked.
An appointment holds one slot of one permanence; the reason is a code (a data·inclusion category),
never free text about someone's situation. Never two people in one slot: ``solidarite.intervals``
(the serialized check, and the PostgreSQL exclusion constraint of migration 0003).

Privacy: only the permanence's agents and the person see an appointment; 3 months after it the
person is removed from it (``purge_appointments``), the counts by permanence, theme and month stay.
"""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from solidarite import intervals
from solidarite.calendars.models import new_feed_token  # noqa: F401 (old migrations name it here)
from solidarite.rights.vocabulary import CATEGORIES
from solidarite.shops import hours

REASONS = [(code, label) for code, label, _subs in CATEGORIES]
NO_OVERLAP_CONSTRAINT = "rights_appointment_no_overlap"
# No slot lasts longer: the overlap query scans the (permanence, start) index from a bounded point.
MAX_SLOT_MINUTES = 180


class PermanenceQuerySet(models.QuerySet):
    def published(self):
        """Permanences whose point d'accueil is on the public guide (their pages answer 404 otherwise)."""
        return self.select_related("place").filter(place__is_published=True)


class Permanence(models.Model):
    place = models.ForeignKey(
        "rights.Place", verbose_name=_("point d'accueil"), on_delete=models.CASCADE, related_name="permanences"
    )
    slug = models.SlugField(_("adresse de la page"), max_length=120, unique=True)
    title = models.CharField(_("intitulé"), max_length=150, help_text=_("Ex. « Permanence logement du CCAS »."))
    description = models.TextField(_("pour quoi venir"), blank=True)
    agents = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent·es qui reçoivent"),
        related_name="rights_permanences",
        help_text=_("Ils et elles voient les rendez-vous, et eux seuls (avec la personne)."),
    )
    opening_hours = models.CharField(
        _("horaires de la permanence"),
        max_length=255,
        blank=True,
        validators=[hours.validate_opening_hours],
        help_text=_("Syntaxe OpenStreetMap, ex. « Tu 14:00-17:00; PH off ». Vide : les horaires du lieu."),
    )
    walk_in_hours = models.CharField(
        _("horaires sans rendez-vous"),
        max_length=255,
        blank=True,
        validators=[hours.validate_opening_hours],
        help_text=_("Les créneaux dans ces horaires sont ouverts à tous sans réservation, ex. « Tu 14:00-15:00 »."),
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("durée d'un rendez-vous (minutes)"),
        default=30,
        validators=[MinValueValidator(10), MaxValueValidator(MAX_SLOT_MINUTES)],
    )
    weeks_ahead = models.PositiveSmallIntegerField(
        _("réservable combien de semaines à l'avance"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    min_notice_hours = models.PositiveSmallIntegerField(_("délai minimum de réservation (heures)"), default=2)
    is_active = models.BooleanField(_("ouverte aux rendez-vous"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PermanenceQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("permanence")
        verbose_name_plural = _("permanences")
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=10, slot_minutes__lte=MAX_SLOT_MINUTES),
                name="rights_permanence_slot_length",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("rights:permanence", args=[self.slug])

    @property
    def effective_hours(self) -> str:
        """What the slots are cut from: French public holidays closed unless the hours say otherwise."""
        expression = self.opening_hours or self.place.opening_hours
        if not expression:
            return ""
        return expression if "PH" in expression else f"{expression}; PH off"

    @property
    def slot_length(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.slot_minutes)

    def is_agent(self, user) -> bool:
        if not (user.is_authenticated and user.is_active):
            return False
        # Asked once per row of a day list (the life cycle's roles): one query per person, not per row.
        known = self.__dict__.setdefault("_agents_known", {})
        if user.pk not in known:
            known[user.pk] = self.agents.filter(pk=user.pk).exists()
        return known[user.pk]


class AppointmentQuerySet(models.QuerySet):
    def booked(self):
        return self.filter(status=Appointment.Status.BOOKED)

    def between(self, start, end):
        return intervals.between(self, start, end, longest=dt.timedelta(minutes=MAX_SLOT_MINUTES))

    def overlapping(self, permanence, start, end):
        return self.booked().filter(permanence=permanence).between(start, end)

    def visible_to(self, user):
        """The person's own appointments, those of the permanences where they receive, and those
        booked under the active mandates (with the appointments scope) of a mediator's structures."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        from solidarite.rights.mandate_models import Mandate

        mandates = Mandate.objects.active().with_scope("appointments").of_mediator(user).values("pk")
        return self.filter(Q(resident=user) | Q(permanence__agents=user) | Q(mandate__in=mandates)).distinct()


class Appointment(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("réservé")
        CANCELLED = "cancelled", _("annulé")
        ATTENDED = "attended", _("venu·e")
        NO_SHOW = "no_show", _("absent·e")

    permanence = models.ForeignKey(
        Permanence, verbose_name=_("permanence"), on_delete=models.CASCADE, related_name="appointments"
    )
    # Null once the details are purged (3 months after) or the person erased: the count stays.
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne reçue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rights_appointments",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Booked by a mediator for a resident (``resident`` is then the resident's account, or empty when
    # they have none: the mandate names them until it ends).
    mandate = models.ForeignKey(
        "rights.Mandate",
        verbose_name=_("mandat"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointments",
    )
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    reason = models.CharField(_("motif"), max_length=60, choices=REASONS)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.BOOKED)
    status_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    purged_at = models.DateTimeField(_("détails effacés le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("rendez-vous")
        verbose_name_plural = _("rendez-vous")
        indexes = [models.Index(fields=["permanence", "start"]), models.Index(fields=["resident", "start"])]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="rights_appointment_end_after_start")
        ]

    def __str__(self):
        return f"{self.permanence} — {self.local_start:%d/%m/%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("rights:appointment", args=[self.pk])

    @property
    def expected(self) -> str:
        """Who the agents expect: the account's name, or the resident a mediator booked for (with
        their phone and structure, until the mandate ends); empty once purged."""
        if self.resident_id:
            return self.resident.display_name
        mandate = self.mandate if self.mandate_id else None
        if mandate is not None and mandate.resident_name:
            return f"{mandate.resident_name} ({mandate.resident_phone}) — {mandate.structure.name}"
        return ""

    @property
    def local_start(self) -> dt.datetime:
        return self.start.astimezone(intervals.PARIS)

    @property
    def local_end(self) -> dt.datetime:
        return self.end.astimezone(intervals.PARIS)
