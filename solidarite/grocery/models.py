"""The épicerie sociale: orientations by prescribers, pseudonymous access codes, visit slots, visits.

What is stored about a household is the prescriber's decision and nothing of the situation behind it:
a household size band, the dates of the right, a monthly allowance, and, if the household says it, the
quartier of the town it lives in (one of a handful, for the figures by quartier). No name, address,
income, document or reason.
The household is known at the épicerie by its access code only (``codes``: stored as a keyed hash),
and, if it wants, by an account or a contact of its choice.

Retention (``purge_grocery``): 12 months after the end of a household's last right, the household, its
orientations and its bookings are deleted; visits stay as counts and amounts (épicerie, day, size band,
quartier).
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from solidarite.shops import hours
from solidarite.workflow import TransitionLog

RESERVED_SLUGS = {"acces", "orientations", "prescripteurs", "invendus", "donnees"}
# No slot lasts longer: the booking queries scan the (grocery, start) index from a bounded point.
MAX_SLOT_MINUTES = 120


class Unit(models.TextChoices):
    # Amounts are whole numbers of the unit's smallest part: cents for euros, points for points.
    EUROS = "euros", _("euros")
    POINTS = "points", _("points")


class SizeBand(models.TextChoices):
    ONE = "1", _("1 personne")
    TWO = "2", _("2 personnes")
    THREE_FOUR = "3-4", _("3 ou 4 personnes")
    FIVE_PLUS = "5+", _("5 personnes ou plus")


class Grocery(models.Model):
    slug = models.SlugField(_("adresse de la page"), max_length=120, unique=True)
    name = models.CharField(_("nom"), max_length=150)
    run_by = models.CharField(_("gérée par"), max_length=150, help_text=_("Ex. « CCAS de Rezé »."))
    description = models.TextField(_("présentation"), blank=True)
    address = models.CharField(_("adresse"), max_length=250)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.CharField(
        _("horaires d'ouverture"),
        max_length=255,
        validators=[hours.validate_opening_hours],
        help_text=_("Syntaxe OpenStreetMap, ex. « Tu,Th 14:00-18:00; Sa 09:30-12:00; PH off »."),
    )
    unit = models.CharField(_("montant mensuel en"), max_length=10, choices=Unit.choices, default=Unit.EUROS)
    slot_minutes = models.PositiveSmallIntegerField(
        _("durée d'un créneau (minutes)"), default=30, validators=[MinValueValidator(10), MaxValueValidator(120)]
    )
    slot_capacity = models.PositiveSmallIntegerField(
        _("foyers par créneau"), default=4, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    weeks_ahead = models.PositiveSmallIntegerField(
        _("réservable combien de semaines à l'avance"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsables"),
        related_name="grocery_managed",
        blank=True,
        help_text=_("Ils et elles nomment les bénévoles de la caisse et voient la journée."),
    )
    volunteers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bénévoles de la caisse"),
        related_name="grocery_tills",
        blank=True,
    )
    collecting_association = models.ForeignKey(
        "directory.Association",
        verbose_name=_("association qui collecte les invendus"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Quand l'épicerie accepte des invendus, une collecte est publiée sur sa page : "
            "ses bénévoles s'y inscrivent."
        ),
    )
    is_active = models.BooleanField(_("ouverte"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("épicerie sociale")
        verbose_name_plural = _("épiceries sociales")
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=10, slot_minutes__lte=MAX_SLOT_MINUTES), name="grocery_slot_length"
            ),
            models.CheckConstraint(condition=Q(slot_capacity__gte=1), name="grocery_slot_capacity"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("grocery:detail", args=[self.slug])

    def clean(self):
        # These are the app's own pages under /epicerie/: an épicerie with such an address would be hidden.
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("Cette adresse est réservée : choisissez-en une autre.")})

    @property
    def effective_hours(self) -> str:
        """What the slots are cut from: French public holidays closed unless the hours say otherwise."""
        return self.opening_hours if "PH" in self.opening_hours else f"{self.opening_hours}; PH off"

    @property
    def slot_length(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.slot_minutes)

    def is_manager(self, user) -> bool:
        return bool(user.is_authenticated and user.is_active and self.managers.filter(pk=user.pk).exists())

    def is_till(self, user) -> bool:
        """A volunteer of the till, or a manager (who may always hold the till)."""
        if not (user.is_authenticated and user.is_active):
            return False
        return self.volunteers.filter(pk=user.pk).exists() or self.is_manager(user)


class Prescriber(models.Model):
    """The role staff grant to a person of a structure that orients households (one row per person)."""

    class Kind(models.TextChoices):
        CCAS = "ccas", _("CCAS")
        DEPARTEMENT = "departement", _("service social du Département")
        ASSOCIATION = "association", _("association partenaire")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="grocery_prescriber",
    )
    kind = models.CharField(_("structure"), max_length=20, choices=Kind.choices)
    organisation = models.CharField(_("nom de la structure"), max_length=150)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(_("accordé le"))
    revoked_at = models.DateTimeField(_("retiré le"), null=True, blank=True)

    class Meta:
        ordering = ["organisation", "pk"]
        verbose_name = _("prescripteur·rice")
        verbose_name_plural = _("prescripteur·rices")

    def __str__(self):
        return f"{self.user} — {self.organisation}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Household(models.Model):
    """A household oriented to an épicerie, known by its access code (hashed), never by its name."""

    grocery = models.ForeignKey(
        Grocery, verbose_name=_("épicerie"), on_delete=models.CASCADE, related_name="households"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    # The last characters, to tell two codes apart on a prescriber's list without revealing them.
    code_hint = models.CharField(_("fin du code"), max_length=4)
    size_band = models.CharField(_("taille du foyer"), max_length=3, choices=SizeBand.choices)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte lié"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grocery_households",
    )
    contact = models.CharField(
        _("contact choisi par le foyer"),
        max_length=150,
        blank=True,
        help_text=_("Un téléphone ou un e-mail, seulement si le foyer le souhaite (rappels de créneau)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("foyer")
        verbose_name_plural = _("foyers")

    def __str__(self):
        return f"…{self.code_hint}"


class Orientation(models.Model):
    """A prescriber's decision: this household may use this épicerie from … to …, with this allowance."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("en cours")
        RENEWED = "renewed", _("renouvelée")
        EXPIRED = "expired", _("arrivée à échéance")
        ENDED = "ended", _("arrêtée")

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="orientations")
    prescriber = models.ForeignKey(
        Prescriber,
        verbose_name=_("prescripteur·rice"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="orientations",
    )
    starts_on = models.DateField(_("début du droit"))
    ends_on = models.DateField(_("fin du droit"))
    allowance = models.PositiveIntegerField(_("montant mensuel"), help_text=_("En centimes ou en points."))
    # Coarse on purpose: one of the town's quartiers, never an address; empty when the household would
    # rather not say or lives outside the town. Only the figures by quartier read it.
    quartier = models.ForeignKey(
        "places.Quartier",
        verbose_name=_("quartier d'habitation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("orientation")
        verbose_name_plural = _("orientations")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="grocery_orientation_dates"),
            models.UniqueConstraint(
                fields=["household"], condition=Q(status="active"), name="grocery_one_active_orientation"
            ),
        ]
        indexes = [models.Index(fields=["status", "ends_on"])]

    def __str__(self):
        return f"{self.household} {self.starts_on} → {self.ends_on}"

    def get_absolute_url(self):
        return reverse("grocery:orientation", args=[self.pk])


class EndReason(models.TextChoices):
    """Why a right is stopped before its end, from a closed list: a free text would invite the household's
    situation (health, family, work), which the orientation never holds."""

    HOUSEHOLD = "demande-du-foyer", _("à la demande du foyer")
    STRUCTURE = "decision-de-la-structure", _("décision de la structure qui oriente")
    NO_LONGER_COMES = "ne-vient-plus", _("le foyer ne vient plus")
    MISTAKE = "erreur-de-saisie", _("orientation saisie par erreur")


class OrientationLog(TransitionLog):
    orientation = models.ForeignKey(Orientation, on_delete=models.CASCADE, related_name="log")

    class Meta(TransitionLog.Meta):
        verbose_name = _("étape d'une orientation")
        verbose_name_plural = _("étapes des orientations")


class MonthlySpend(models.Model):
    """What a household spent at its épicerie in one month: the row the till locks and the database bounds."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="spends")
    month = models.DateField()  # the first day of the month
    allowance = models.PositiveIntegerField()
    spent = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["household", "month"], name="grocery_one_spend_per_month"),
            # The last word on "never overspent", whatever the code above it does.
            models.CheckConstraint(condition=Q(spent__lte=F("allowance")), name="grocery_spend_within_allowance"),
        ]

    def __str__(self):
        return f"{self.month:%m/%Y}: {self.spent}/{self.allowance}"


class Visit(models.Model):
    """A passage at the till. The household leaves it at purge; the day, amount, size band and quartier stay
    (copied from the orientation at the till, so that the yearly figures by quartier outlive the purge)."""

    grocery = models.ForeignKey(Grocery, on_delete=models.CASCADE, related_name="visits")
    household = models.ForeignKey(Household, null=True, blank=True, on_delete=models.SET_NULL, related_name="visits")
    size_band = models.CharField(max_length=3, choices=SizeBand.choices)
    quartier = models.ForeignKey("places.Quartier", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    amount = models.PositiveIntegerField(_("montant"))
    at = models.DateTimeField(_("le"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("passage")
        verbose_name_plural = _("passages")
        indexes = [models.Index(fields=["grocery", "at"]), models.Index(fields=["household", "at"])]

    def __str__(self):
        return f"{self.grocery} — {self.at:%d/%m/%Y %H:%M}"


class SlotBooking(models.Model):
    """A household's place in one slot; a slot holds ``grocery.slot_capacity`` households at most."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("réservé")
        CANCELLED = "cancelled", _("annulé")

    grocery = models.ForeignKey(Grocery, on_delete=models.CASCADE, related_name="bookings")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="bookings")
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.BOOKED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("réservation de créneau")
        verbose_name_plural = _("réservations de créneaux")
        indexes = [models.Index(fields=["grocery", "start"])]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="grocery_booking_end_after_start"),
            models.UniqueConstraint(
                fields=["household", "start"], condition=Q(status="booked"), name="grocery_booking_once_per_slot"
            ),
        ]

    def __str__(self):
        return f"{self.grocery} — {self.start:%d/%m/%Y %H:%M}"


class Allergen(models.TextChoices):
    """The fourteen allergens food labels must name (EU regulation 1169/2011, annex II)."""

    GLUTEN = "gluten", _("gluten (blé, seigle, orge, avoine)")
    CRUSTACEANS = "crustaces", _("crustacés")
    EGGS = "oeufs", _("œufs")
    FISH = "poisson", _("poisson")
    PEANUTS = "arachides", _("arachides (cacahuètes)")
    SOY = "soja", _("soja")
    MILK = "lait", _("lait")
    NUTS = "fruits-a-coque", _("fruits à coque (noix, noisettes, amandes…)")
    CELERY = "celeri", _("céleri")
    MUSTARD = "moutarde", _("moutarde")
    SESAME = "sesame", _("sésame")
    SULPHITES = "sulfites", _("sulfites")
    LUPIN = "lupin", _("lupin")
    MOLLUSCS = "mollusques", _("mollusques")


class Basket(models.Model):
    """What a household would like prepared for its slot: categories in stock, allergens to avoid.

    Allergies are health data (GDPR art. 9): given only with the household's explicit consent, read
    only by the till and the managers of that épicerie, and deleted at the visit, when the slot is
    cancelled, or once it has passed (``purge_grocery``). Nothing else: no free text.
    """

    booking = models.OneToOneField(SlotBooking, on_delete=models.CASCADE, related_name="basket")
    categories = models.JSONField(_("catégories souhaitées"), default=list)
    allergens = models.JSONField(_("allergies"), default=list, blank=True)
    updated_at = models.DateTimeField(_("préparé le"))

    class Meta:
        verbose_name = _("panier")
        verbose_name_plural = _("paniers")

    def __str__(self):
        return f"{self.booking}"

    def category_labels(self) -> list[str]:
        from solidarite.grocery.surplus_models import Category

        labels = dict(Category.choices)
        return [str(labels[c]) for c in self.categories if c in labels]

    def allergen_labels(self) -> list[str]:
        labels = dict(Allergen.choices)
        return [str(labels[a]) for a in self.allergens if a in labels]


from solidarite.grocery.surplus_models import Need, StockMove, SurplusMatch, SurplusOffer  # noqa: E402,F401 (the app's models)
