from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from solidarite.contact import (
    PhoneField,
    check_in_town_department,
    validate_postal_code,
    validate_web_address,
)
from solidarite.shops import hours
from solidarite.shops.validators import validate_siret


class ShopQuerySet(models.QuerySet):
    def listed(self):
        """What visitors see: verified by staff and not hidden."""
        return self.filter(status=Shop.Status.VERIFIED, hidden=False)

    def visible_to(self, user):
        """Listed shops, plus the ones a person owns or claims, plus everything for staff."""
        if user.is_authenticated and user.is_staff:
            return self.all()
        if not user.is_authenticated:
            return self.listed()
        return self.filter(
            Q(status=Shop.Status.VERIFIED, hidden=False) | Q(owner=user) | Q(claims__user=user)
        ).distinct()

    def owned_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user, status=Shop.Status.VERIFIED)

    def open_at(self, at=None):
        """Shops whose opening hours say "open" at ``at``: one query for the distinct expressions,
        each evaluated once (cached), then an IN filter on the expression itself."""
        # Distinct over the whole table (not this filtered queryset): the database answers from the
        # opening_hours index alone; strings of shops outside the filter are harmless in the IN list.
        # ``order_by()`` drops the default ordering, which would otherwise defeat DISTINCT.
        expressions = Shop.objects.values_list("opening_hours", flat=True).distinct().order_by()
        return self.filter(opening_hours__in=hours.open_expressions(expressions, at))

    def with_current_initiative(self, on=None):
        return self.filter(pk__in=Initiative.objects.current(on).values("shop_id"))


class Shop(models.Model):
    class Kind(models.TextChoices):
        FOOD = "alimentation", _("alimentation")
        BAKERY = "boulangerie", _("boulangerie")
        CAFE = "cafe", _("café, bar")
        RESTAURANT = "restaurant", _("restaurant")
        BOOKSHOP = "librairie", _("librairie")
        REPAIR = "reparation", _("réparation")
        SOCIAL_GROCERY = "epicerie-sociale", _("épicerie sociale ou solidaire")
        MARKET = "marche", _("marché")
        PRODUCER = "producteur", _("producteur")
        SECOND_HAND = "seconde-main", _("seconde main, ressourcerie")
        PHARMACY = "pharmacie", _("pharmacie")
        SERVICES = "services", _("services")
        OTHER = "autre", _("autre")

    class Status(models.TextChoices):
        PENDING = "pending", _("en attente de vérification")
        VERIFIED = "verified", _("vérifié")

    class Wheelchair(models.TextChoices):
        UNKNOWN = "", _("non renseigné")
        YES = "yes", _("accessible en fauteuil roulant")
        LIMITED = "limited", _("accès en partie possible")
        NO = "no", _("non accessible en fauteuil roulant")

    class Payment(models.TextChoices):
        CASH = "cash", _("espèces")
        CARD = "card", _("carte bancaire")
        CONTACTLESS = "contactless", _("sans contact")
        CHEQUE = "cheque", _("chèque")
        MEAL_VOUCHER = "meal-voucher", _("titres-restaurant")
        SOLIDARITY_VOUCHER = "solidarity-voucher", _("bons solidaires (CCAS, épicerie sociale)")
        LOCAL_CURRENCY = "local-currency", _("monnaie locale")

    name = models.CharField(_("nom du commerce"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(_("type de commerce"), max_length=20, choices=Kind.choices)
    tags = TaggableManager(_("mots-clés"), blank=True, help_text=_("Séparés par des virgules : vrac, bio, livres…"))
    description = models.TextField(_("présentation"), blank=True)
    address = models.CharField(_("adresse"), max_length=250)
    postal_code = models.CharField(_("code postal"), max_length=5, blank=True, validators=[validate_postal_code])
    city = models.CharField(_("commune"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    quartier = models.ForeignKey(
        "places.Quartier", verbose_name=_("quartier"), null=True, blank=True, on_delete=models.SET_NULL
    )
    phone = PhoneField(_("téléphone"), blank=True)
    website = models.URLField(_("site web"), blank=True, validators=[validate_web_address])
    opening_hours = models.CharField(
        _("horaires d'ouverture"),
        max_length=255,
        blank=True,
        validators=[hours.validate_opening_hours],
        help_text=_(
            "Syntaxe OpenStreetMap : jours Mo Tu We Th Fr Sa Su, heures sur 24 h. "
            "Exemple : Mo-Fr 09:00-12:30,14:00-19:00; Sa 09:00-13:00; PH off (fermé les jours fériés)."
        ),
    )
    wheelchair = models.CharField(
        _("accès en fauteuil roulant"), max_length=10, choices=Wheelchair.choices, blank=True, default=""
    )
    accessibility = models.TextField(
        _("accessibilité"), blank=True, help_text=_("Marche à l'entrée, boucle magnétique, place assise, toilettes…")
    )
    payment_means = models.JSONField(_("moyens de paiement acceptés"), default=list, blank=True)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True, validators=[validate_siret])
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.PENDING)
    hidden = models.BooleanField(_("masqué"), default=False)
    hidden_reason = models.CharField(_("motif du masquage"), max_length=250, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("commerçant·e"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_shops",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(_("vérifié le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ShopQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("commerce")
        verbose_name_plural = _("commerces")
        indexes = [
            models.Index(fields=["status", "hidden", "kind"]),
            models.Index(fields=["opening_hours"]),
            models.Index(fields=["latitude", "longitude"]),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("shops:detail", args=[self.slug])

    def clean(self):
        # A shop's point must be within the town (services._check_location): no exception to grant here.
        check_in_town_department(self.postal_code)

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED

    @property
    def is_listed(self) -> bool:
        return self.is_verified and not self.hidden

    def is_owner(self, user) -> bool:
        """The verified owner: the one person who edits the shop and publishes its initiatives."""
        return bool(user.is_authenticated and self.is_verified and self.owner_id == user.pk)

    def hours_status(self, at=None) -> hours.HoursStatus:
        return hours.status(self.opening_hours, at)

    def payment_labels(self) -> list[str]:
        labels = dict(self.Payment.choices)
        return [labels[code] for code in self.payment_means if code in labels]


class ShopClaim(models.Model):
    """A neighbour says "this shop is mine" (or created it). Only staff turn a claim into ownership."""

    class Status(models.TextChoices):
        PENDING = "pending", _("en attente")
        APPROVED = "approved", _("acceptée")
        REJECTED = "rejected", _("refusée")

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="claims")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shop_claims")
    created_shop = models.BooleanField(_("a créé la fiche"), default=False)
    siret = models.CharField(_("SIRET déclaré"), max_length=14, validators=[validate_siret])
    message = models.TextField(
        _("message pour la mairie"), blank=True, help_text=_("Votre rôle dans le commerce, comment vous joindre.")
    )
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("motif"), max_length=250, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("demande de gestion d'un commerce")
        verbose_name_plural = _("demandes de gestion de commerces")
        constraints = [
            models.UniqueConstraint(
                fields=["shop", "user"], condition=Q(status="pending"), name="shops_one_pending_claim_per_person"
            )
        ]
        indexes = [models.Index(fields=["status", "shop"])]

    def __str__(self):
        return f"{self.user} → {self.shop} ({self.get_status_display()})"


class ShopEvent(models.Model):
    """The transition log of a shop listing: who did what, when, why."""

    class Action(models.TextChoices):
        CREATED = "created", _("fiche créée")
        CLAIMED = "claimed", _("demande de gestion")
        CLAIM_APPROVED = "claim_approved", _("demande acceptée")
        CLAIM_REJECTED = "claim_rejected", _("demande refusée")
        VERIFIED = "verified", _("commerce vérifié")
        HIDDEN = "hidden", _("fiche masquée")
        SHOWN = "shown", _("fiche de nouveau visible")
        EDITED = "edited", _("fiche modifiée")

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=20, choices=Action.choices)
    note = models.CharField(max_length=250, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("historique d'un commerce")
        verbose_name_plural = _("historique des commerces")

    def __str__(self):
        return f"{self.shop} — {self.get_action_display()}"


class InitiativeQuerySet(models.QuerySet):
    def current(self, on=None):
        """Running today (or ``on``): started, not past its end date, not ended early, shop listed."""
        on = on or timezone.localdate()
        return self.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=on),
            starts_on__lte=on,
            ended_at__isnull=True,
            shop__status=Shop.Status.VERIFIED,
            shop__hidden=False,
        )

    def public(self):
        return self.filter(shop__status=Shop.Status.VERIFIED, shop__hidden=False)

    def on_agenda(self, first_day, last_day=None):
        """What the town agenda shows from ``first_day`` to ``last_day`` (inclusive, open without it): public
        initiatives starting in that span, and those with an end date still running at its start.

        An open-ended initiative that started before is a standing offer rather than an event: the shop's
        page and the list of initiatives show it, the agenda does not repeat it every day.
        """
        starting = Q(starts_on__gte=first_day)
        if last_day is not None:
            starting &= Q(starts_on__lte=last_day)
        running = Q(starts_on__lt=first_day, ends_on__gte=first_day)
        return self.public().filter(starting | running, ended_at__isnull=True)


class Initiative(models.Model):
    # Its state is read from ``ended_at`` (``state``), not stored apart: see ``workflow.INITIATIVE``.
    class State(models.TextChoices):
        RUNNING = "running", _("publiée")
        ENDED = "ended", _("terminée")

    class Kind(models.TextChoices):
        SUSPENDED = "suspendu", _("panier ou café suspendu")
        COLLECTION_POINT = "collecte", _("point de collecte pour une association")
        SOCIAL_DISCOUNT = "remise-sociale", _("remise pour les personnes orientées (épicerie sociale, CCAS)")
        REPAIR_CAFE = "repair-cafe", _("repair café")
        ANTI_WASTE = "anti-gaspi", _("paniers anti-gaspillage")
        LOCAL_PRODUCERS = "producteurs", _("produits de producteurs locaux")
        OTHER = "autre", _("autre initiative solidaire")

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="initiatives")
    kind = models.CharField(_("type d'initiative"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"))
    starts_on = models.DateField(_("à partir du"))
    ends_on = models.DateField(_("jusqu'au"), null=True, blank=True, help_text=_("Laissez vide si elle continue."))
    association = models.ForeignKey(
        "directory.Association",
        verbose_name=_("association partenaire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shop_initiatives",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(_("arrêtée le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("initiative locale")
        verbose_name_plural = _("initiatives locales")
        indexes = [models.Index(fields=["starts_on", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="shops_initiative_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("shops:initiative", args=[self.pk])

    def summary_parts(self) -> list[str]:
        """Its kind, its description and its partner, as feeds and calendars tell it (plain text)."""
        parts = [str(self.get_kind_display()), self.description]
        if self.association:
            parts.append(str(_("En partenariat avec %(name)s") % {"name": self.association.name}))
        return parts

    @property
    def state(self) -> str:
        """Whether its shop ended it; whether it has started or is past its dates is its publication's
        business (``InitiativeQuerySet``), not a step anyone takes."""
        return self.State.ENDED if self.ended_at is not None else self.State.RUNNING

    def is_current(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.ended_at is None and self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)
