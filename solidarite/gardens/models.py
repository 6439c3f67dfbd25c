"""Shared gardens: gardens with plots, a waiting list per garden, plots offered in turn, season allocations.

What is stored about an applicant is what the waiting list needs: the quartier they live in (the
garden's published priority), whether they need an accessible plot, the date they joined (their turn),
their consent to the list's rules, and the offers made to them. No reason, no document.

Retention (``purge_gardens``): an application that has left the list (withdrawn, or ended by a plot
allocated) is deleted 12 months later, with its offers; an allocation keeps its person 24 months after
its season ended, then only its figures (garden, quartier, month, days waited, fee).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from solidarite.shops import hours
from solidarite.workflow import TransitionLog

# The app's own pages under /jardins/: a garden with such an address would be hidden.
# The app's own pages and API routes under /jardins/ and /api/v1/gardens/: a garden there would be hidden.
RESERVED_SLUGS = {
    *("mes-demandes", "propositions", "demandes", "parcelles", "attributions", "vergers", "donnees"),
    *("applications", "offers", "plots", "trees", "orchards"),
}


class Garden(models.Model):
    class Kind(models.TextChoices):
        # OpenStreetMap: leisure=garden + garden:type=community / landuse=allotments.
        COMMUNITY = "community", _("jardin partagé")
        ALLOTMENTS = "allotments", _("jardins familiaux")

    slug = models.SlugField(_("adresse de la page"), max_length=120, unique=True)
    name = models.CharField(_("nom"), max_length=150)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.COMMUNITY)
    association = models.ForeignKey(
        "directory.Association",
        verbose_name=_("association gestionnaire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gardens",
        help_text=_("Vide : le jardin est géré par la ville (ses agent·es le gèrent)."),
    )
    description = models.TextField(_("présentation"), blank=True)
    address = models.CharField(_("adresse"), max_length=250)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    quartier = models.ForeignKey(
        "places.Quartier", verbose_name=_("quartier"), null=True, blank=True, on_delete=models.SET_NULL
    )
    opening_hours = models.CharField(
        _("horaires d'ouverture"),
        max_length=255,
        blank=True,
        validators=[hours.validate_opening_hours],
        help_text=_("Syntaxe OpenStreetMap, ex. « Mo-Su 08:00-20:00 »."),
    )
    raised_beds = models.BooleanField(_("bacs surélevés"), default=False)
    accessibility = models.CharField(
        _("accessibilité"), max_length=250, blank=True, help_text=_("Ex. « allées stabilisées, point d'eau bas ».")
    )
    criteria = models.TextField(
        _("critères de la liste d'attente"),
        blank=True,
        help_text=_("Publiés sur la page du jardin. Les quartiers prioritaires passent d'abord, puis l'ancienneté."),
    )
    priority_quartiers = models.ManyToManyField(
        "places.Quartier", verbose_name=_("quartiers prioritaires"), blank=True, related_name="+"
    )
    offer_days = models.PositiveSmallIntegerField(
        _("jours pour accepter une parcelle"), default=7, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    season_fee = models.PositiveIntegerField(_("redevance de la saison (centimes)"), default=0)
    actions = models.ManyToManyField(
        "directory.Action", verbose_name=_("chantiers et fêtes"), blank=True, related_name="gardens"
    )
    is_active = models.BooleanField(_("ouvert"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("jardin partagé")
        verbose_name_plural = _("jardins partagés")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("gardens:garden", args=[self.slug])

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("Cette adresse est réservée : choisissez-en une autre.")})

    @property
    def season_fee_euros(self) -> Decimal:
        return Decimal(self.season_fee) / 100

    @property
    def run_by(self) -> str:
        return self.association.name if self.association_id else str(_("la ville"))


class Plot(models.Model):
    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("individuelle")
        COLLECTIVE = "collective", _("collective")
        ACCESSIBLE = "accessible", _("accessible (bac surélevé)")

    class Status(models.TextChoices):
        FREE = "free", _("libre")
        OFFERED = "offered", _("proposée")
        ALLOCATED = "allocated", _("attribuée")
        CLOSED = "closed", _("fermée")

    garden = models.ForeignKey(Garden, verbose_name=_("jardin"), on_delete=models.CASCADE, related_name="plots")
    number = models.CharField(_("numéro"), max_length=20)
    area_m2 = models.PositiveIntegerField(_("surface (m²)"), validators=[MinValueValidator(1)])
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.INDIVIDUAL)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.FREE)

    class Meta:
        ordering = ["garden", "number", "pk"]
        verbose_name = _("parcelle")
        verbose_name_plural = _("parcelles")
        constraints = [models.UniqueConstraint(fields=["garden", "number"], name="garden_plot_number")]
        indexes = [models.Index(fields=["garden", "status"])]

    def __str__(self):
        return _("parcelle %(number)s") % {"number": self.number}


class Application(models.Model):
    """A place on a garden's waiting list."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("en attente")
        OFFERED = "offered", _("parcelle proposée")
        ALLOCATED = "allocated", _("parcelle attribuée")
        WITHDRAWN = "withdrawn", _("retirée")

    garden = models.ForeignKey(Garden, verbose_name=_("jardin"), on_delete=models.CASCADE, related_name="applications")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="+"
    )
    quartier = models.ForeignKey(
        "places.Quartier", verbose_name=_("quartier d'habitation"), null=True, blank=True, on_delete=models.SET_NULL
    )
    wants_accessible = models.BooleanField(_("a besoin d'une parcelle accessible"), default=False)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.WAITING)
    consent_at = models.DateTimeField(_("accord donné le"))
    created_at = models.DateTimeField(_("inscrit·e le"))
    # The turn: the date joined, moved to the end of the list after an offer declined or let pass.
    queued_at = models.DateTimeField(_("rang depuis le"))
    closed_at = models.DateTimeField(_("sortie de la liste le"), null=True, blank=True)

    class Meta:
        ordering = ["queued_at", "pk"]
        verbose_name = _("inscription sur liste d'attente")
        verbose_name_plural = _("inscriptions sur liste d'attente")
        constraints = [
            # One place per person and garden while it is open (the race of a double click too).
            models.UniqueConstraint(
                fields=["garden", "person"],
                condition=Q(status__in=["waiting", "offered"]),
                name="garden_one_open_application",
            )
        ]
        indexes = [models.Index(fields=["garden", "status", "queued_at"])]

    def __str__(self):
        return f"{self.garden} · {self.get_status_display()}"


class Offer(models.Model):
    """A free plot proposed to the next applicant, to accept before ``deadline``."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposée")
        ACCEPTED = "accepted", _("acceptée")
        DECLINED = "declined", _("refusée")
        EXPIRED = "expired", _("délai passé")
        WITHDRAWN = "withdrawn", _("retirée")

    plot = models.ForeignKey(Plot, verbose_name=_("parcelle"), on_delete=models.CASCADE, related_name="offers")
    application = models.ForeignKey(
        Application, verbose_name=_("inscription"), on_delete=models.CASCADE, related_name="offers"
    )
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    created_at = models.DateTimeField(_("proposée le"))
    deadline = models.DateTimeField(_("à accepter avant le"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposition de parcelle")
        verbose_name_plural = _("propositions de parcelle")
        constraints = [
            # A plot is offered to one applicant at a time, an applicant is offered one plot at a time.
            models.UniqueConstraint(fields=["plot"], condition=Q(status="proposed"), name="garden_one_offer_per_plot"),
            models.UniqueConstraint(
                fields=["application"], condition=Q(status="proposed"), name="garden_one_offer_per_application"
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self):
        return f"{self.plot} · {self.get_status_display()}"


class OfferLog(TransitionLog):
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="log")


class Allocation(models.Model):
    """A plot held for a season, under an occupation agreement (its date and fee)."""

    plot = models.ForeignKey(Plot, verbose_name=_("parcelle"), on_delete=models.CASCADE, related_name="allocations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("jardinier·e"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    season = models.PositiveSmallIntegerField(_("saison"))
    fee = models.PositiveIntegerField(_("redevance (centimes)"), default=0)
    agreement_signed_on = models.DateField(_("convention d'occupation signée le"), null=True, blank=True)
    # Kept for the figures after the application is deleted (retention): where the gardener lives and
    # how long they waited.
    quartier = models.ForeignKey(
        "places.Quartier", verbose_name=_("quartier"), null=True, blank=True, on_delete=models.SET_NULL
    )
    waited_days = models.PositiveIntegerField(_("jours d'attente"), default=0)
    created_at = models.DateTimeField(_("attribuée le"))
    ended_at = models.DateTimeField(_("fin"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("attribution de parcelle")
        verbose_name_plural = _("attributions de parcelle")
        constraints = [
            models.UniqueConstraint(fields=["plot"], condition=Q(ended_at__isnull=True), name="garden_one_holder")
        ]

    def __str__(self):
        return f"{self.plot} · {self.season}"

    @property
    def fee_euros(self) -> Decimal:
        return Decimal(self.fee) / 100


class Orchard(models.Model):
    """An orchard, or a group of fruit trees, on public land: anyone may pick in season."""

    slug = models.SlugField(_("adresse de la page"), max_length=120, unique=True)
    name = models.CharField(_("nom"), max_length=150)
    association = models.ForeignKey(
        "directory.Association",
        verbose_name=_("association qui s'en occupe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orchards",
        help_text=_("Vide : la ville s'en occupe."),
    )
    description = models.TextField(_("présentation"), blank=True)
    address = models.CharField(_("adresse ou lieu"), max_length=250)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    quartier = models.ForeignKey(
        "places.Quartier", verbose_name=_("quartier"), null=True, blank=True, on_delete=models.SET_NULL
    )
    actions = models.ManyToManyField(
        "directory.Action", verbose_name=_("chantiers et cueillettes"), blank=True, related_name="orchards"
    )
    is_active = models.BooleanField(_("visible"), default=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("verger")
        verbose_name_plural = _("vergers")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("gardens:orchard", args=[self.slug])


class Tree(models.Model):
    class Ease(models.TextChoices):
        EASY = "easy", _("à hauteur de main")
        LADDER = "ladder", _("avec un escabeau")
        HARD = "hard", _("difficile (grand arbre)")

    orchard = models.ForeignKey(Orchard, verbose_name=_("verger"), on_delete=models.CASCADE, related_name="trees")
    species = models.CharField(_("espèce (nom latin)"), max_length=100, help_text=_("Ex. « Malus domestica »."))
    name = models.CharField(_("nom courant"), max_length=100, help_text=_("Ex. « pommier (reinette) »."))
    fruit = models.CharField(_("fruits"), max_length=60, help_text=_("Au pluriel, ex. « pommes »."))
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    season_from = models.PositiveSmallIntegerField(
        _("récolte à partir du mois"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    season_to = models.PositiveSmallIntegerField(
        _("jusqu'au mois"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    ease = models.CharField(_("cueillette"), max_length=10, choices=Ease.choices, default=Ease.EASY)

    class Meta:
        ordering = ["orchard", "fruit", "pk"]
        verbose_name = _("arbre fruitier")
        verbose_name_plural = _("arbres fruitiers")

    def __str__(self):
        return f"{self.name} ({self.orchard})"

    @property
    def season_text(self) -> str:
        if self.season_from == self.season_to:
            return str(_("en %(month)s") % {"month": MONTHS[self.season_from]})
        return str(_("de %(start)s à %(end)s") % {"start": MONTHS[self.season_from], "end": MONTHS[self.season_to]})


class Follow(models.Model):
    """A person told when the fruit of an orchard is ripe."""

    orchard = models.ForeignKey(Orchard, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("abonnement à un verger")
        verbose_name_plural = _("abonnements à un verger")
        constraints = [models.UniqueConstraint(fields=["orchard", "person"], name="garden_one_follow")]

    def __str__(self):
        return str(self.orchard)


class Ripeness(models.Model):
    """« Les pommes sont mûres » said once for an orchard: the page shows it, the followers are told."""

    orchard = models.ForeignKey(Orchard, on_delete=models.CASCADE, related_name="ripeness")
    fruit = models.CharField(_("fruits"), max_length=60)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("annonce de fruits mûrs")
        verbose_name_plural = _("annonces de fruits mûrs")

    def __str__(self):
        return f"{self.fruit} · {self.orchard}"
