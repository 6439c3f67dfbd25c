"""Surplus from local shops (anti-gaspi): what a shop offers, what an épicerie needs, and their matches.

No person is stored: an offer belongs to a shop (its verified owner speaks for it), a need to an
épicerie, a match to both. Who accepted is the épicerie (its managers), told by notification.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    FRUITS_VEGETABLES = "fruits-legumes", _("fruits et légumes")
    FRESH = "frais", _("produits frais (laitages, viande, poisson)")
    BREAD = "pain", _("pain et viennoiseries")
    GROCERY = "epicerie", _("épicerie sèche")
    HYGIENE = "hygiene", _("hygiène et entretien")
    BABY = "bebe", _("bébé")


class Need(models.Model):
    """A category the épicerie is short of, and how much a week it would take (its current needs list)."""

    grocery = models.ForeignKey("grocery.Grocery", on_delete=models.CASCADE, related_name="needs")
    category = models.CharField(_("catégorie"), max_length=20, choices=Category.choices)
    kg_per_week = models.PositiveIntegerField(_("kg par semaine"), default=20, validators=[MaxValueValidator(5000)])
    updated_at = models.DateTimeField(_("mis à jour le"))

    class Meta:
        ordering = ["category"]
        verbose_name = _("besoin")
        verbose_name_plural = _("besoins")
        constraints = [models.UniqueConstraint(fields=["grocery", "category"], name="grocery_one_need_per_category")]

    def __str__(self):
        return f"{self.grocery} — {self.get_category_display()}"


class SurplusOffer(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("proposé")
        ACCEPTED = "accepted", _("accepté")
        WITHDRAWN = "withdrawn", _("retiré")
        EXPIRED = "expired", _("passé")

    shop = models.ForeignKey("shops.Shop", verbose_name=_("commerce"), on_delete=models.CASCADE, related_name="+")
    category = models.CharField(_("catégorie"), max_length=20, choices=Category.choices)
    what = models.CharField(_("quoi"), max_length=200, help_text=_("Ex. « 12 baguettes de la veille »."))
    kg = models.DecimalField(
        _("poids (kg)"), max_digits=6, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(5000)]
    )
    until = models.DateTimeField(_("à récupérer avant le"))
    pickup = models.CharField(_("où et comment le récupérer"), max_length=200, blank=True)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.OPEN)
    accepted_by = models.ForeignKey(
        "grocery.Grocery", null=True, blank=True, on_delete=models.SET_NULL, related_name="accepted_surplus"
    )
    # The volunteers' collection published when an épicerie with a collecting association accepts.
    collection = models.ForeignKey(
        "directory.Action", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("proposé le"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invendu proposé")
        verbose_name_plural = _("invendus proposés")
        indexes = [models.Index(fields=["status", "until"])]

    def __str__(self):
        return self.what


class SurplusMatch(models.Model):
    """An offer put before an épicerie, with the matcher's score and why (« à 600 m · pain »)."""

    offer = models.ForeignKey(SurplusOffer, on_delete=models.CASCADE, related_name="matches")
    grocery = models.ForeignKey("grocery.Grocery", on_delete=models.CASCADE, related_name="surplus_matches")
    score = models.FloatField()
    explanation = models.CharField(max_length=200)

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [models.UniqueConstraint(fields=["offer", "grocery"], name="grocery_one_match_per_offer")]

    def __str__(self):
        return f"{self.offer} → {self.grocery}"


class StockMove(models.Model):
    """Stock in and out by category and weight (no product list: what a small épicerie actually counts)."""

    class Direction(models.TextChoices):
        IN = "in", _("entrée")
        OUT = "out", _("sortie")

    class Source(models.TextChoices):
        SURPLUS = "surplus", _("invendus d'un commerce")
        DONATION = "donation", _("don, collecte")
        PURCHASE = "purchase", _("achat (Banque alimentaire, grossiste)")
        DISTRIBUTION = "distribution", _("distribué aux foyers")
        LOSS = "loss", _("perte, date dépassée")

    grocery = models.ForeignKey("grocery.Grocery", on_delete=models.CASCADE, related_name="stock_moves")
    category = models.CharField(_("catégorie"), max_length=20, choices=Category.choices)
    kg = models.DecimalField(
        _("poids (kg)"), max_digits=7, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(10000)]
    )
    direction = models.CharField(_("sens"), max_length=3, choices=Direction.choices)
    source = models.CharField(_("origine ou destination"), max_length=20, choices=Source.choices)
    offer = models.OneToOneField(SurplusOffer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("le"))

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("mouvement de stock")
        verbose_name_plural = _("mouvements de stock")
        indexes = [models.Index(fields=["grocery", "at"])]

    def __str__(self):
        return f"{self.grocery} {self.direction} {self.kg} kg"
