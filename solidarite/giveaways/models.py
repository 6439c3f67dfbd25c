"""Giveaways between neighbours (« dons »): gifts, wishes, the matches between them, reports.

A gift and a wish keep two points, as help posts do (``help.models.Located``): the private one (matching
only) and the public one, snapped once by ``places.geo.public_point`` and stored. The exact place to pick a
gift up (``pickup_details``) and the two people's contacts reach only the giver and the wisher whose match
was accepted. The weight is recorded when the gift changes hands (``given_at``, ``weight_kg``): the yearly
figures of kg given by quartier rest on it, not on estimates made when it was offered.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarite.giveaways import photos
from solidarite.help.models import Located, ReportBase, ScoredMatch
from solidarite.workflow import TransitionLog


class Category(models.TextChoices):
    # No food: hygiene rules keep it off (``services.FOOD_REFUSED``); the épicerie sociale takes surplus food.
    FURNITURE = "meubles", _("meubles")
    CLOTHES = "vetements", _("vêtements, chaussures")
    BOOKS_GAMES = "livres-jeux", _("livres, jeux, jouets")
    KITCHEN = "cuisine", _("vaisselle, ustensiles de cuisine")
    ELECTRICAL = "electrique", _("appareils électriques, électroménager")
    TOOLS = "outils", _("outils, bricolage, jardin")
    BABY = "puericulture", _("puériculture")
    HOME = "maison", _("linge de maison, décoration")
    OTHER = "autre", _("autre objet")


class Condition(models.TextChoices):
    NEW = "neuf", _("neuf ou comme neuf")
    GOOD = "bon", _("bon état")
    USED = "usage", _("traces d'usage")
    REPAIR = "a-reparer", _("à réparer")


class GiftQuerySet(models.QuerySet):
    def public(self):
        """What anyone sees: gifts still on offer whose pickup window has not passed."""
        return self.filter(status=Gift.Status.OFFERED, pickup_until__gt=timezone.now(), giver__isnull=False)

    def by(self, user):
        return self.filter(giver=user)

    def given_between(self, start, end):
        return self.filter(status=Gift.Status.GIVEN, given_at__gte=start, given_at__lt=end)


class Gift(Located):
    class Status(models.TextChoices):
        OFFERED = "offered", _("à donner")
        PROMISED = "promised", _("promis")
        GIVEN = "given", _("donné")
        WITHDRAWN = "withdrawn", _("retiré")
        EXPIRED = "expired", _("expiré")
        HIDDEN = "hidden", _("masqué par la modération")

    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("donneur·se"),
        # NULL once the giver erased their account: a gift already given stays in the figures.
        null=True,
        on_delete=models.SET_NULL,
        related_name="gifts",
    )
    title = models.CharField(_("objet"), max_length=120)
    description = models.TextField(_("description"))
    category = models.CharField(_("catégorie"), max_length=20, choices=Category.choices)
    condition = models.CharField(_("état de l'objet"), max_length=10, choices=Condition.choices, default="bon")
    pickup_from = models.DateTimeField(_("à retirer à partir du"))
    pickup_until = models.DateTimeField(_("à retirer jusqu'au"))
    pickup_details = models.TextField(_("adresse et consignes de retrait"), blank=True)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.OFFERED)
    # Recorded at handover (to a neighbour or at the ressourcerie), never before.
    weight_kg = models.DecimalField(_("poids (kg)"), max_digits=6, decimal_places=1, null=True, blank=True)
    given_at = models.DateTimeField(_("donné le"), null=True, blank=True)
    dropped_at = models.ForeignKey(
        "shops.Shop",
        verbose_name=_("déposé à la ressourcerie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("proposé le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = GiftQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("don")
        verbose_name_plural = _("dons")
        indexes = [
            models.Index(fields=["status", "category", "latitude", "longitude"], name="gift_prefilter"),
            models.Index(fields=["status", "pickup_until"], name="gift_expiry"),
            models.Index(fields=["giver", "created_at"], name="gift_giver"),
            models.Index(fields=["status", "given_at"], name="gift_given"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(pickup_until__gt=models.F("pickup_from")), name="gift_pickup_window"),
        ]

    def __str__(self):
        return self.title

    @property
    def author(self):
        # ``Located.author_name`` and the moderation code speak of a post's author.
        return self.giver

    @property
    def author_id(self):
        return self.giver_id

    @property
    def is_electrical(self) -> bool:
        return self.category == Category.ELECTRICAL


class WishQuerySet(models.QuerySet):
    def by(self, user):
        return self.filter(wisher=user)


class Wish(Located):
    class Status(models.TextChoices):
        OPEN = "open", _("en attente")
        FULFILLED = "fulfilled", _("don accepté")
        CLOSED = "closed", _("fermé")
        EXPIRED = "expired", _("expiré")
        HIDDEN = "hidden", _("masqué par la modération")

    wisher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandeur·se"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="gift_wishes",
    )
    category = models.CharField(_("catégorie"), max_length=20, choices=Category.choices)
    what = models.CharField(_("ce que vous cherchez"), max_length=200)
    radius_km = models.FloatField(_("distance maximale (km)"), default=3.0)
    until = models.DateTimeField(_("jusqu'au"))
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("publié le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = WishQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("souhait")
        verbose_name_plural = _("souhaits")
        indexes = [
            models.Index(fields=["status", "category", "latitude", "longitude"], name="wish_prefilter"),
            models.Index(fields=["status", "until"], name="wish_expiry"),
            models.Index(fields=["wisher", "created_at"], name="wish_wisher"),
        ]

    def __str__(self):
        return self.what

    @property
    def author(self):
        return self.wisher

    @property
    def author_id(self):
        return self.wisher_id


class GiftMatchQuerySet(models.QuerySet):
    def involving(self, user):
        """The matches ``user`` is a side of (giver or wisher): nobody else learns they exist."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(Q(gift__giver=user) | Q(wish__wisher=user))


class GiftMatch(ScoredMatch):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposé")
        ACCEPTED = "accepted", _("accepté")
        DECLINED = "declined", _("décliné")
        WITHDRAWN = "withdrawn", _("plus disponible")

    gift = models.ForeignKey(Gift, on_delete=models.CASCADE, related_name="matches")
    wish = models.ForeignKey(Wish, on_delete=models.CASCADE, related_name="matches")
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.PROPOSED)

    objects = GiftMatchQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("mise en relation d'un don")
        verbose_name_plural = _("mises en relation de dons")
        constraints = [
            models.UniqueConstraint(fields=["gift", "wish"], name="gift_match_unique"),
            # A gift is promised to one wisher at a time, whatever races the row lock misses.
            models.UniqueConstraint(fields=["gift"], condition=Q(status="accepted"), name="gift_one_accepted"),
        ]

    def __str__(self):
        return f"{self.gift} → {self.wish}"

    @property
    def details_open(self) -> bool:
        """Pickup place and contacts are shared once the wisher accepted, and only then."""
        return self.status == self.Status.ACCEPTED


class GiftTransition(TransitionLog):
    gift = models.ForeignKey(Gift, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("changement d'état d'un don")
        verbose_name_plural = _("changements d'état des dons")


class GiftMatchTransition(TransitionLog):
    match = models.ForeignKey(GiftMatch, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("changement d'état d'une mise en relation")
        verbose_name_plural = _("changements d'état des mises en relation")


class GiftPhoto(models.Model):
    """A picture of a gift, described for people who cannot see it (alt text required)."""

    gift = models.ForeignKey(Gift, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("photo"), upload_to=photos.storage_path)
    alt_text = models.CharField(_("texte alternatif"), max_length=250)
    content_type = models.CharField(max_length=20, editable=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("photo d'un don")
        verbose_name_plural = _("photos des dons")

    def __str__(self):
        return self.alt_text

    @property
    def file_name(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class GiftReport(ReportBase):
    """A neighbour's report on a gift or a wish; the words and the decisions are help's (``help.workflow.REPORT``)."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="gift_reports"
    )
    gift = models.ForeignKey(Gift, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    wish = models.ForeignKey(Wish, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("signalement d'un don ou d'un souhait")
        verbose_name_plural = _("signalements des dons et souhaits")
        constraints = [
            models.CheckConstraint(
                condition=Q(gift__isnull=False, wish__isnull=True) | Q(gift__isnull=True, wish__isnull=False),
                name="gift_report_one_target",
            )
        ]

    @property
    def target(self):
        return self.gift or self.wish
