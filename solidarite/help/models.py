"""Neighbourhood help: requests, offers, the matches between them, their conversations, reports.

Every post keeps two points: the private one (what the author gave; used for matching only)
and the public one (fuzzed once with ``places.geo.public_point`` and stored). Only the public
point and the quartier ever leave the server, except to the other side of an accepted match,
who sees contact details, never the point.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from solidarite.contact import PhoneField
from solidarite.places.geo import Point
from solidarite.workflow import TransitionLog


class Category(models.Model):
    """A kind of help. Seeded by a data migration; staff add more in the admin."""

    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(unique=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=100)
    active = models.BooleanField(_("proposée"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("catégorie d'entraide")
        verbose_name_plural = _("catégories d'entraide")

    def __str__(self):
        return self.name


class Urgency(models.TextChoices):
    LOW = "low", _("quand vous pouvez")
    NORMAL = "normal", _("dans les jours qui viennent")
    HIGH = "high", _("urgent")


class PostQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status="open")

    def by(self, user):
        return self.filter(author=user)


class HelpRequestQuerySet(PostQuerySet):
    def public(self):
        """What visitors see: open requests whose window has not passed."""
        return self.filter(status=HelpRequest.Status.OPEN, window_end__gt=timezone.now())

    def visible_to(self, user):
        if user.is_authenticated and user.is_staff:
            return self.all()
        qs = Q(status=HelpRequest.Status.OPEN, window_end__gt=timezone.now())
        if user.is_authenticated:
            qs |= Q(author=user)
            qs |= Q(matches__offer__author=user) & ~Q(status=HelpRequest.Status.HIDDEN)
        return self.filter(qs).distinct()


class HelpOfferQuerySet(PostQuerySet):
    def public(self):
        return self.filter(status=HelpOffer.Status.OPEN).filter(
            Q(available_until__isnull=True) | Q(available_until__gte=timezone.localdate())
        )

    def visible_to(self, user):
        if user.is_authenticated and user.is_staff:
            return self.all()
        qs = Q(status=HelpOffer.Status.OPEN) & (
            Q(available_until__isnull=True) | Q(available_until__gte=timezone.localdate())
        )
        if user.is_authenticated:
            qs |= Q(author=user)
            qs |= Q(matches__request__author=user) & ~Q(status=HelpOffer.Status.HIDDEN)
        return self.filter(qs).distinct()


class Located(models.Model):
    """Private point (matching only) + stored public point + quartier."""

    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    public_latitude = models.FloatField(_("latitude publique"))
    public_longitude = models.FloatField(_("longitude publique"))
    quartier = models.ForeignKey("places.Quartier", verbose_name=_("quartier"), on_delete=models.PROTECT)

    class Meta:
        abstract = True

    @property
    def author_name(self) -> str:
        return self.author.public_name if self.author_id else str(_("compte supprimé"))

    @property
    def point(self) -> Point:
        return Point(self.latitude, self.longitude)

    @property
    def public_point(self) -> Point:
        return Point(self.public_latitude, self.public_longitude)


class HelpRequest(Located):
    class Status(models.TextChoices):
        OPEN = "open", _("ouverte")
        MATCHED = "matched", _("mise en relation acceptée")
        DONE = "done", _("aide reçue")
        EXPIRED = "expired", _("expirée")
        CLOSED = "closed", _("fermée")
        HIDDEN = "hidden", _("masquée par la modération")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        # NULL once the author erased their account but the other side of a match keeps the post.
        null=True,
        on_delete=models.SET_NULL,
        related_name="help_requests",
    )
    category = models.ForeignKey(Category, verbose_name=_("catégorie"), on_delete=models.PROTECT)
    tags = TaggableManager(_("mots-clés"), blank=True)
    description = models.TextField(_("description"))
    window_start = models.DateTimeField(_("à partir du"))
    window_end = models.DateTimeField(_("jusqu'au"))
    urgency = models.CharField(_("urgence"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("publiée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    # A mediator posts for a resident who is offline, under a mandate (``rights.Mandate``); the
    # resident's identity, copied from the mandate, goes only to the accepted helper, and is purged
    # when the mandate ends (or, at the latest, a month after the request: ``retention``). The consent
    # fields mirror the mandate's (when, by whom), and keep that of requests posted before mandates.
    # No database constraint nor index: on SQLite, dropping a constrained or indexed column rebuilds
    # help_helprequest, which the fragments triggers forbid (docs/decisions.md, "Trap (SQLite)"); a
    # plain column is dropped in place. SET_NULL is Django's; the purge filters a handful of mandates.
    mandate = models.ForeignKey(
        "rights.Mandate",
        verbose_name=_("mandat"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="help_requests",
        db_constraint=False,
        db_index=False,
    )
    resident_name = models.CharField(_("nom de l'habitant·e"), max_length=100, blank=True)
    resident_phone = PhoneField(_("téléphone de l'habitant·e"), blank=True)
    consent_recorded_at = models.DateTimeField(_("consentement recueilli le"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consentement recueilli par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The appointments a mediator booked for the resident from this request (``rights.help_links``).
    appointments = models.ManyToManyField(
        "rights.Appointment", verbose_name=_("rendez-vous"), blank=True, related_name="help_requests"
    )

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("demande d'aide")
        verbose_name_plural = _("demandes d'aide")
        indexes = [
            models.Index(fields=["status", "category", "latitude", "longitude"], name="help_request_prefilter"),
            models.Index(fields=["status", "window_end"], name="help_request_expiry"),
            models.Index(fields=["author", "created_at"], name="help_request_author"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(window_end__gt=models.F("window_start")), name="help_request_window"),
        ]

    def __str__(self):
        return f"{self.category} — {self.quartier}"

    @property
    def on_behalf(self) -> bool:
        return bool(self.resident_name)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN and self.window_end > timezone.now()


class HelpOffer(Located):
    class Status(models.TextChoices):
        OPEN = "open", _("ouverte")
        PAUSED = "paused", _("en pause")
        CLOSED = "closed", _("fermée")
        EXPIRED = "expired", _("expirée")
        HIDDEN = "hidden", _("masquée par la modération")

    class Alerts(models.TextChoices):
        IMMEDIATE = "immediate", _("à chaque nouvelle demande")
        CAPPED = "capped", _("au plus quelques fois par jour")
        DIGEST = "digest", _("un résumé par jour")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        # NULL once the author erased their account but the other side of a match keeps the post.
        null=True,
        on_delete=models.SET_NULL,
        related_name="help_offers",
    )
    categories = models.ManyToManyField(
        Category, verbose_name=_("catégories"), through="OfferCategory", related_name="offers"
    )
    tags = TaggableManager(_("mots-clés"), blank=True)
    description = models.TextField(_("description"))
    radius_km = models.FloatField(_("distance maximale (km)"))
    available_from = models.DateField(_("disponible à partir du"), null=True, blank=True)
    available_until = models.DateField(_("disponible jusqu'au"), null=True, blank=True)
    # [[weekday 0=Monday, start minute, end minute], ...] in the town's time zone; empty = any time.
    weekly_slots = models.JSONField(_("créneaux de la semaine"), default=list, blank=True)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.OPEN)
    alerts = models.CharField(_("alertes"), max_length=10, choices=Alerts.choices, default=Alerts.IMMEDIATE)
    alerts_per_day = models.PositiveSmallIntegerField(_("alertes par jour au plus"), default=3)
    created_at = models.DateTimeField(_("publiée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    expiry_warned_at = models.DateTimeField(_("prévenu·e de l'expiration le"), null=True, blank=True)

    objects = HelpOfferQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposition d'aide")
        verbose_name_plural = _("propositions d'aide")
        indexes = [
            models.Index(fields=["status", "latitude", "longitude"], name="help_offer_prefilter"),
            models.Index(fields=["author", "created_at"], name="help_offer_author"),
        ]

    def __str__(self):
        return f"{self.author_name} — {self.quartier}"


class OfferCategory(models.Model):
    """An offer's category, carrying the offer's point so that the matching prefilter is one
    index range scan (category, latitude, longitude) instead of a join over the whole table."""

    offer = models.ForeignKey(HelpOffer, on_delete=models.CASCADE, related_name="offer_categories")
    category = models.ForeignKey(Category, on_delete=models.PROTECT)
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        verbose_name = _("catégorie d'une proposition")
        verbose_name_plural = _("catégories d'une proposition")
        constraints = [models.UniqueConstraint(fields=["offer", "category"], name="help_offer_category_unique")]
        indexes = [models.Index(fields=["category", "latitude", "longitude"], name="help_offercat_prefilter")]

    def __str__(self):
        return f"{self.offer_id}: {self.category_id}"


class MatchQuerySet(models.QuerySet):
    def involving(self, user):
        """The matches ``user`` is a side of: author of the request (a mediator for a resident
        included) or of the offer. Nobody else may learn that a match exists."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(Q(request__author=user) | Q(offer__author=user))


class ScoredMatch(models.Model):
    """What every match of two neighbours' posts keeps (help's and the giveaways'): the matcher's score and
    its explanation in words, when it was made and last moved."""

    score = models.FloatField(_("score"))
    explanation = models.CharField(_("explication"), max_length=200)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        abstract = True


class Match(ScoredMatch):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposée")
        OFFERED = "offered", _("aide proposée")
        ACCEPTED = "accepted", _("acceptée")
        DONE = "done", _("aide reçue")
        DECLINED = "declined", _("déclinée")
        WITHDRAWN = "withdrawn", _("retirée")

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="matches")
    offer = models.ForeignKey(HelpOffer, on_delete=models.CASCADE, related_name="matches")
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    # Whether the offerer got a push for it (the alert cap counts these); None = waits quietly.
    offerer_alerted_at = models.DateTimeField(null=True, blank=True)
    thanks = models.TextField(_("remerciement"), blank=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = _("mise en relation")
        verbose_name_plural = _("mises en relation")
        constraints = [models.UniqueConstraint(fields=["request", "offer"], name="help_match_unique")]
        indexes = [models.Index(fields=["offer", "offerer_alerted_at"], name="help_match_alerts")]

    def __str__(self):
        return f"{self.request} ↔ {self.offer}"

    @property
    def conversation_open(self) -> bool:
        return self.status in (self.Status.ACCEPTED, self.Status.DONE)


class MatchTransition(TransitionLog):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("changement d'état")
        verbose_name_plural = _("changements d'état")


class Message(models.Model):
    """A line of the private conversation of an accepted match."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="messages")
    # Kept (author set to NULL) when the author erases their account: the other side keeps it.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="help_messages"
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("envoyé le"), default=timezone.now)
    hidden = models.BooleanField(_("masqué par la modération"), default=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [models.Index(fields=["author", "created_at"], name="help_message_author")]

    def __str__(self):
        return self.body[:50]


from solidarite.help.report_models import Report, ReportBase  # noqa: E402,F401 (the app's models)
