"""Rooms of the maison des associations, their bookings and recurring series.

Times are stored aware (UTC); rules and displays use the town's wall clock (Europe/Paris). A
booking that is requested or confirmed holds its slot: PostgreSQL enforces it with an exclusion
constraint (migration 0002), SQLite through the serialized write transaction in ``services``
(both from ``solidarite.intervals``, shared with the permanences of the points d'accueil).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from associations.directory.validators import validate_opening_hours
from associations.rooms import photos
from solidarite import intervals
from solidarite.calendars.models import new_feed_token  # noqa: F401 (old migrations name it here)
from solidarite.workflow import TransitionLog

PARIS = intervals.PARIS
# No booking lasts longer: range queries then scan the (room, start) index from a bounded point
# instead of the room's whole history.
MAX_BOOKING_HOURS = 24


class RoomQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_active=True)


class Room(models.Model):
    class OpenTo(models.TextChoices):
        ASSOCIATIONS = "associations", _("associations seulement")
        NEIGHBOURS = "neighbours", _("associations et habitant·es (fête de quartier…)")

    name = models.CharField(_("nom"), max_length=150)
    slug = models.SlugField(max_length=160, unique=True)
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("adresse"), max_length=250)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    quartier = models.ForeignKey(
        "places.Quartier", verbose_name=_("quartier"), null=True, blank=True, on_delete=models.SET_NULL
    )
    capacity = models.PositiveIntegerField(_("capacité (personnes)"))
    equipment = TaggableManager(_("équipements"), blank=True, help_text=_("Ex. vidéoprojecteur, cuisine, piano."))
    step_free = models.BooleanField(_("accès de plain-pied ou par ascenseur"), default=False)
    hearing_loop = models.BooleanField(_("boucle magnétique"), default=False)
    accessible_toilets = models.BooleanField(_("toilettes accessibles"), default=False)
    accessibility_note = models.CharField(_("précisions sur l'accès"), max_length=250, blank=True)
    opening_hours = models.CharField(
        _("horaires d'ouverture"),
        max_length=255,
        help_text=_("Syntaxe OpenStreetMap, ex. « Mo-Fr 09:00-22:00; Sa 09:00-18:00 »."),
        validators=[validate_opening_hours],
    )
    open_on_public_holidays = models.BooleanField(
        _("ouverte les jours fériés"),
        default=False,
        help_text=_("Sinon la salle est fermée les jours fériés français, sauf règle PH dans les horaires."),
    )
    min_notice_hours = models.PositiveIntegerField(_("délai minimum de réservation (heures)"), default=48)
    max_duration_hours = models.PositiveIntegerField(
        _("durée maximale d'une réservation (heures)"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_BOOKING_HOURS)],
    )
    cancel_notice_hours = models.PositiveIntegerField(_("annulation possible jusqu'à (heures avant)"), default=24)
    needs_approval = models.BooleanField(_("validation par la mairie"), default=False)
    open_to = models.CharField(
        _("qui peut réserver"), max_length=20, choices=OpenTo.choices, default=OpenTo.ASSOCIATIONS
    )
    is_active = models.BooleanField(_("réservable"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoomQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("salle")
        verbose_name_plural = _("salles")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("rooms:week", kwargs={"slug": self.slug})

    @property
    def effective_opening_hours(self) -> str:
        """What opening-hours-py evaluates: French public holidays closed unless the room says otherwise."""
        if self.open_on_public_holidays or "PH" in self.opening_hours:
            return self.opening_hours
        return f"{self.opening_hours}; PH off"

    @property
    def neighbours_may_book(self) -> bool:
        return self.open_to == self.OpenTo.NEIGHBOURS


class RoomPhoto(models.Model):
    """A public picture of a room, described for people who cannot see it.

    The file is checked by its content (``photos.check_photo``) and stored under a name we make
    up (the uploaded name may carry a person's name); it is served by ``views.photo``.
    """

    room = models.ForeignKey(Room, verbose_name=_("salle"), on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(
        _("photo"),
        upload_to=photos.storage_path,
        validators=[photos.validate_photo],
        help_text=_("Image JPEG, PNG ou WebP."),
    )
    alt_text = models.CharField(
        _("texte alternatif"),
        max_length=250,
        help_text=_(
            "Ce que montre la photo, pour les personnes qui ne la voient pas "
            "(ex. « Grande salle lumineuse, tables en U, scène au fond »)."
        ),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    content_type = models.CharField(max_length=20, editable=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("photo de salle")
        verbose_name_plural = _("photos de salle")

    def __str__(self):
        return self.alt_text

    def save(self, *args, **kwargs):
        replaced = ""
        if self.file and not self.file._committed:
            # Forms already ran the validator; this also covers code that saves without them.
            self.content_type = photos.check_photo(self.file.file)
            if self.pk:
                replaced = RoomPhoto.objects.filter(pk=self.pk).values_list("file", flat=True).first() or ""
        super().save(*args, **kwargs)
        if replaced and replaced != self.file.name:
            photos.delete_file_on_commit(self.file.storage, replaced)

    def get_absolute_url(self):
        return reverse("rooms:photo", kwargs={"slug": self.room.slug, "pk": self.pk, "name": self.file_name})

    def clean(self):
        others = RoomPhoto.objects.filter(room_id=self.room_id).exclude(pk=self.pk)
        if self.room_id and others.count() >= photos.MAX_PER_ROOM:
            raise ValidationError(
                _("%(n)d photos au plus par salle : retirez-en une avant d'en ajouter.") % {"n": photos.MAX_PER_ROOM}
            )

    @property
    def file_name(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


@receiver(post_delete, sender=RoomPhoto)
def _delete_photo_file(sender, instance, **kwargs):
    if instance.file:
        photos.delete_file_on_commit(instance.file.storage, instance.file.name)


class BookingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=Booking.ACTIVE)

    def between(self, start, end):
        """Bookings that overlap [start, end)."""
        return intervals.between(self, start, end, longest=timedelta(hours=MAX_BOOKING_HOURS))

    def overlapping(self, room, start, end):
        return self.active().filter(room=room).between(start, end)

    def of_person(self, user):
        """Bookings of the associations this person manages, and their own neighbour bookings."""
        if not user.is_authenticated:
            return self.none()
        from associations.directory.models import Association

        return self.filter(Q(association__in=Association.objects.managed_by(user)) | Q(neighbour=user))


class BookingSeries(models.Model):
    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("chaque semaine")
        FORTNIGHTLY = "fortnightly", _("toutes les deux semaines")
        MONTHLY = "monthly", _("chaque mois (même jour de la semaine)")

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="series")
    association = models.ForeignKey(
        "directory.Association", null=True, blank=True, on_delete=models.CASCADE, related_name="room_series"
    )
    neighbour = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="room_series"
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("objet"), max_length=150)
    frequency = models.CharField(_("fréquence"), max_length=12, choices=Frequency.choices)
    # The first occurrence; every later one keeps its Europe/Paris wall-clock time.
    first_start = models.DateTimeField(_("premier créneau"))
    duration_minutes = models.PositiveIntegerField()
    until = models.DateField(_("jusqu'au"))
    rrule = models.CharField(max_length=120)
    # Dates left out of the series: taken or closed when it was booked, or cancelled since (ISO dates).
    excluded_dates = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("série de réservations")
        verbose_name_plural = _("séries de réservations")

    def __str__(self):
        return f"{self.title} — {self.room} ({self.get_frequency_display()})"


class Booking(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("en attente de validation")
        CONFIRMED = "confirmed", _("confirmée")
        REFUSED = "refused", _("refusée")
        CANCELLED = "cancelled", _("annulée")

    # These hold the slot; the exclusion constraint on PostgreSQL names the same list.
    ACTIVE = (Status.REQUESTED, Status.CONFIRMED)

    room = models.ForeignKey(Room, verbose_name=_("salle"), on_delete=models.CASCADE, related_name="bookings")
    association = models.ForeignKey(
        "directory.Association",
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="room_bookings",
    )
    neighbour = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("habitant·e"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="room_bookings",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    series = models.ForeignKey(
        BookingSeries, null=True, blank=True, on_delete=models.CASCADE, related_name="occurrences"
    )
    title = models.CharField(_("objet"), max_length=150)
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    status = models.CharField(_("état"), max_length=10, choices=Status.choices)
    is_public = models.BooleanField(
        _("afficher le nom de l'association"),
        default=True,
        help_text=_("Sinon le planning montre seulement « réservé »."),
    )
    # In-kind support: the support app books a free room and says why here (plain text, a local link).
    support_note = models.CharField(_("soutien accordé"), max_length=200, blank=True)
    support_url = models.CharField(_("lien du soutien"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("réservation")
        verbose_name_plural = _("réservations")
        indexes = [models.Index(fields=["room", "start"]), models.Index(fields=["status", "start"])]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="rooms_booking_end_after_start"),
            models.CheckConstraint(
                condition=Q(association__isnull=True, neighbour__isnull=False)
                | Q(association__isnull=False, neighbour__isnull=True),
                name="rooms_booking_one_holder",
            ),
        ]

    def __str__(self):
        return f"{self.room} — {self.local_start:%d/%m/%Y %H:%M}"

    @property
    def local_start(self):
        return self.start.astimezone(PARIS)

    @property
    def local_end(self):
        return self.end.astimezone(PARIS)

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def holder_name(self) -> str:
        if self.association_id:
            return self.association.name
        return self.neighbour.public_name if self.neighbour_id else ""

    @property
    def public_holder(self) -> str:
        """What the public planning shows: the association if it chose so; never a neighbour's name."""
        if self.is_public and self.association_id:
            return self.association.name
        return ""


class Transition(TransitionLog):
    """One step of a booking's life: who moved it, when, from which state to which, and why."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("étape de réservation")
        verbose_name_plural = _("étapes de réservation")

    def __str__(self):
        return f"{self.booking_id}: {super().__str__()}"
