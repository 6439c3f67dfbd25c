"""The library of things (« objethèque »): who lends (an association, the town, the ressourcerie), the
items, their loans, the handover records and each item's waiting list.

A loan holds its item for a period [start, end) like a room booking: ``solidarite.intervals`` is the
guarantee (a serialized check on SQLite, the item row lock and an exclusion constraint on PostgreSQL,
migration 0002). Periods are whole days in the town's wall clock: from the pickup day at 00:00 to the
day after the return day at 00:00 (``period``).
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from solidarite import intervals
from solidarite.lending import photos
from solidarite.workflow import TransitionLog

# No loan lasts longer: range queries then scan the (item, start) index from a bounded point.
MAX_LOAN_DAYS = 60


def period(first_day: dt.date, last_day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The instants a loan from ``first_day`` (pickup) to ``last_day`` (return), both included, holds."""
    start = dt.datetime.combine(first_day, dt.time(), tzinfo=intervals.PARIS)
    end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(), tzinfo=intervals.PARIS)
    return start, end


class Condition(models.TextChoices):
    NEW = "new", _("comme neuf")
    GOOD = "good", _("bon état")
    FAIR = "fair", _("état correct")
    WORN = "worn", _("usé")
    DAMAGED = "damaged", _("abîmé")
    BROKEN = "broken", _("hors service")


class LenderQuerySet(models.QuerySet):
    def managed_by(self, user):
        """The lenders whose loans ``user`` manages: their association's managers (directory roles), the
        managers staff named, and city staff for the town's own."""
        from associations.directory.models import Association
        from solidarite.accounts.roles import can_post, is_city_staff

        if not can_post(user):
            return self.none()
        mine = Q(managers=user) | Q(association__in=Association.objects.managed_by(user))
        if is_city_staff(user):
            mine |= Q(kind=Lender.Kind.TOWN)
        return self.filter(mine).distinct()


class Lender(models.Model):
    """Who lends and where items are picked up: an association of the directory (its managers manage
    the loans), or a service of the town or the ressourcerie (the people staff name as its managers)."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("association")
        TOWN = "town", _("ville")
        RESSOURCERIE = "ressourcerie", _("ressourcerie")

    name = models.CharField(_("nom"), max_length=150)
    slug = models.SlugField(max_length=160, unique=True)
    kind = models.CharField(_("type"), max_length=15, choices=Kind.choices)
    association = models.OneToOneField(
        "directory.Association",
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="lender",
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsables"),
        blank=True,
        related_name="lending_services",
        help_text=_("Pour la ville ou la ressourcerie ; pour une association, ses responsables dans l'annuaire."),
    )
    address = models.CharField(_("adresse du point de retrait"), max_length=250)
    quartier = models.ForeignKey(
        "places.Quartier", verbose_name=_("quartier"), null=True, blank=True, on_delete=models.SET_NULL
    )
    pickup_hours = models.CharField(
        _("quand venir chercher et rendre"), max_length=200, help_text=_("Ex. « le mardi de 17 h à 19 h »")
    )

    objects = LenderQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("prêteur")
        verbose_name_plural = _("prêteurs")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="association", association__isnull=False) | ~Q(kind="association"),
                name="lending_lender_association_named",
            )
        ]

    def __str__(self):
        return self.name

    def is_manager(self, user) -> bool:
        if not user.is_authenticated:
            return False
        if self.association_id and self.association.is_manager(user):
            return True
        return self.managers.filter(pk=user.pk).exists()


class ItemQuerySet(models.QuerySet):
    def lendable(self):
        return self.filter(is_active=True)

    def catalogue(self):
        """What anyone may borrow from the objethèque's pages and API: lendable and open to all (the
        digital devices lent to households waiting for equipment are lent at the desk only)."""
        return self.lendable().filter(open_to_all=True)

    def kits(self):
        """The energy and water saving kits (the programme's « fluides »)."""
        return self.filter(category__in=Item.KITS)

    def managed_by(self, user):
        return self.filter(lender__in=Lender.objects.managed_by(user).values("pk"))


class Item(models.Model):
    class Category(models.TextChoices):
        TOOLS = "tools", _("bricolage")
        GARDEN = "garden", _("jardinage")
        KITCHEN = "kitchen", _("cuisine")
        ENERGY = "energy", _("kit économies d'énergie")
        WATER = "water", _("kit économies d'eau")
        LEISURE = "leisure", _("loisirs et fêtes")
        DIGITAL = "digital", _("appareil numérique")
        OTHER = "other", _("autre")

    KITS = (Category.ENERGY, Category.WATER)

    lender = models.ForeignKey(Lender, verbose_name=_("prêteur"), on_delete=models.CASCADE, related_name="items")
    name = models.CharField(_("nom"), max_length=150)
    slug = models.SlugField(max_length=160, unique=True)
    category = models.CharField(_("catégorie"), max_length=10, choices=Category.choices)
    description = models.TextField(_("description"), blank=True)
    guide = models.TextField(
        _("ce qu'il faut mesurer"),
        blank=True,
        help_text=_("Pour les kits : quoi mesurer, comment, et que faire des résultats, en phrases simples."),
    )
    condition = models.CharField(_("état"), max_length=10, choices=Condition.choices, default=Condition.GOOD)
    deposit = models.DecimalField(
        _("caution (€)"), max_digits=7, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    weight_kg = models.DecimalField(
        _("poids (kg)"), max_digits=7, decimal_places=2, validators=[MinValueValidator(0)], default=0
    )
    max_days = models.PositiveSmallIntegerField(
        _("durée maximale d'un prêt (jours)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_LOAN_DAYS)],
    )
    pickup_point = models.CharField(
        _("point de retrait"), max_length=250, blank=True, help_text=_("Vide : l'adresse du prêteur.")
    )
    is_active = models.BooleanField(_("empruntable"), default=True)
    # False: lent only by the lender's managers at the desk, to people a programme chose (the devices of
    # digital equipment, lent to households on its waiting list): out of the catalogue, refused to others.
    open_to_all = models.BooleanField(
        _("dans le catalogue"),
        default=True,
        help_text=_("Décoché : prêté seulement au guichet, par les responsables du prêteur."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("objet")
        verbose_name_plural = _("objets")
        indexes = [models.Index(fields=["is_active", "category"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("lending:item", kwargs={"slug": self.slug})

    @property
    def is_kit(self) -> bool:
        return self.category in self.KITS

    @property
    def where(self) -> str:
        return self.pickup_point or self.lender.address


class ItemPhoto(models.Model):
    item = models.ForeignKey(Item, verbose_name=_("objet"), on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(
        _("photo"), upload_to=photos.storage_path, validators=[photos.validate_photo], help_text=_("JPEG, PNG ou WebP.")
    )
    alt_text = models.CharField(
        _("texte alternatif"),
        max_length=250,
        help_text=_("Ce que montre la photo, pour les personnes qui ne la voient pas (ex. « Wattmètre branché »)."),
    )
    content_type = models.CharField(max_length=20, editable=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("photo d'objet")
        verbose_name_plural = _("photos d'objets")

    def __str__(self):
        return self.alt_text

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            self.content_type = photos.check_photo(self.file.file)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("lending:photo", kwargs={"slug": self.item.slug, "pk": self.pk, "name": self.file_name})

    def clean(self):
        if not self.alt_text.strip():
            raise ValidationError({"alt_text": _("Décrivez la photo pour les personnes qui ne la voient pas.")})
        if self.item_id and ItemPhoto.objects.filter(item_id=self.item_id).exclude(pk=self.pk).count() >= (
            photos.MAX_PER_ITEM
        ):
            raise ValidationError(_("%(n)d photos au plus par objet.") % {"n": photos.MAX_PER_ITEM})

    @property
    def file_name(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class LoanQuerySet(models.QuerySet):
    def active(self):
        """Loans that hold their item: booked, out, or late (not back yet)."""
        return self.filter(status__in=Loan.ACTIVE)

    def between(self, start, end):
        return intervals.between(self, start, end, longest=dt.timedelta(days=MAX_LOAN_DAYS + 1))

    def overlapping(self, item, start, end):
        return self.active().filter(item=item).between(start, end)

    def managed_by(self, user):
        """Loans of the items of the lenders ``user`` manages (``LenderQuerySet.managed_by``: city staff too,
        for the town's items)."""
        return self.filter(item__lender__in=Lender.objects.managed_by(user).values("pk"))


class Loan(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("réservé")
        OUT = "out", _("prêté")
        LATE = "late", _("en retard")
        RETURNED = "returned", _("rendu")
        CANCELLED = "cancelled", _("annulé")
        MISSED = "missed", _("pas venu·e le chercher")

    # These hold the item; the exclusion constraint on PostgreSQL names the same list.
    ACTIVE = (Status.BOOKED, Status.OUT, Status.LATE)

    item = models.ForeignKey(Item, verbose_name=_("objet"), on_delete=models.CASCADE, related_name="loans")
    # Empty once the borrower's account is erased, or the loan is old (``retention``): the figures stay.
    borrower = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("emprunteur·se"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="loans",
    )
    # The borrower's quartier when they booked: the figures by quartier, without the person.
    quartier = models.ForeignKey(
        "places.Quartier", verbose_name=_("quartier"), null=True, blank=True, on_delete=models.SET_NULL
    )
    start = models.DateTimeField(_("retrait"))
    end = models.DateTimeField(_("retour (fin)"))
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.BOOKED)
    # Weighed when handed over: the kg lent of the yearly figures.
    weight_kg = models.DecimalField(_("poids prêté (kg)"), max_digits=7, decimal_places=2, null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LoanQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("prêt")
        verbose_name_plural = _("prêts")
        indexes = [models.Index(fields=["item", "start"]), models.Index(fields=["status", "end"])]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="lending_loan_end_after_start")
        ]

    def __str__(self):
        return f"{self.item} — {self.first_day:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("lending:my_loans")

    @property
    def is_late(self) -> bool:
        """Past its return date and not back (the late step of ``LOAN`` set it): shown in bold to its lender."""
        return self.status == self.Status.LATE

    @property
    def first_day(self) -> dt.date:
        return self.start.astimezone(intervals.PARIS).date()

    @property
    def last_day(self) -> dt.date:
        """The return day (the period ends at the next midnight)."""
        return (self.end.astimezone(intervals.PARIS) - dt.timedelta(microseconds=1)).date()


class Transition(TransitionLog):
    """One step of a loan's life: who moved it, when, from which state to which, and why."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("étape de prêt")
        verbose_name_plural = _("étapes de prêt")


class Handover(models.Model):
    """What the owner's manager saw when the item went out or came back: its condition, its weight, the
    deposit. The item's history of condition is the list of these."""

    class Direction(models.TextChoices):
        OUT = "out", _("remis")
        BACK = "back", _("rendu")

    loan = models.ForeignKey(Loan, verbose_name=_("prêt"), on_delete=models.CASCADE, related_name="handovers")
    direction = models.CharField(_("sens"), max_length=4, choices=Direction.choices)
    condition = models.CharField(_("état"), max_length=10, choices=Condition.choices)
    weight_kg = models.DecimalField(_("poids (kg)"), max_digits=7, decimal_places=2)
    deposit = models.BooleanField(_("caution reçue (au départ) ou rendue (au retour)"), default=False)
    note = models.CharField(_("remarque sur l'objet"), max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("le"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("remise ou retour")
        verbose_name_plural = _("remises et retours")
        constraints = [models.UniqueConstraint(fields=["loan", "direction"], name="lending_one_handover_each_way")]

    def __str__(self):
        return f"{self.loan_id} {self.direction} {self.condition}"


class WaitEntry(models.Model):
    """A person waiting for an item: told as soon as it comes back (``notified_at``), then free to book.
    The entry ends when they book it or leave the list, or by retention (``retention``)."""

    item = models.ForeignKey(Item, verbose_name=_("objet"), on_delete=models.CASCADE, related_name="waiting")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="lending_waits"
    )
    created_at = models.DateTimeField(_("inscrit·e le"))
    notified_at = models.DateTimeField(_("prévenu·e le"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("inscription sur la liste d'attente")
        verbose_name_plural = _("listes d'attente des objets")
        constraints = [models.UniqueConstraint(fields=["item", "person"], name="lending_wait_once_per_item")]

    def __str__(self):
        return f"{self.item} — {self.person_id}"
