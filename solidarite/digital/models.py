"""Places of digital help (« lieux de médiation numérique »).

A place of digital help is not a new kind of address: it is a point d'accueil, a room, an
association's premises or a shop that says it helps with the digital world. ``DigitalPlace`` holds
only what the digital help adds (services, publics, hours if they differ, Aidants Connect) and points
to exactly one of those places (a check constraint), whose name, address and point stay theirs: an
address corrected on the shop's page is corrected here too, with nothing to copy or migrate.

Services are booleans, not child rows: five fixed questions the filters ask together
(« wifi gratuit » and « impression ») are one indexed-free WHERE on a few thousand rows at most.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from solidarite.shops import hours

TARGETS = ("rights_place", "room", "association", "shop")


class Service(models.TextChoices):
    """The services a visitor filters on, each a boolean field of ``DigitalPlace`` (same name)."""

    COMPUTERS = "free_computers", _("ordinateurs en accès libre")
    WIFI = "free_wifi", _("wifi gratuit")
    PRINTING = "printing", _("impression et scan")
    PROCEDURES = "online_procedures", _("aide aux démarches en ligne")
    WORKSHOPS = "beginner_workshops", _("ateliers pour débutants")


class Public(models.TextChoices):
    """Publics a place addresses specifically (the national standard's list); none means everyone."""

    YOUNG = "jeunes", _("jeunes")
    STUDENTS = "etudiants", _("étudiant·es")
    FAMILIES = "familles", _("familles et enfants")
    SENIORS = "seniors", _("seniors")
    WOMEN = "femmes", _("femmes")


class Support(models.TextChoices):
    """Specific needs the place's helpers are able to meet (the standard's « prise en charge spécifique »)."""

    DEAF = "surdite", _("surdité")
    MOTOR = "handicaps-moteurs", _("handicap moteur")
    MENTAL = "handicaps-mentaux", _("handicap mental")
    ILLITERACY = "illettrisme", _("illettrisme")
    ENGLISH = "anglais", _("langue étrangère : anglais")
    OTHER_LANGUAGES = "autres-langues", _("autres langues étrangères")
    SIGHT = "deficience-visuelle", _("déficience visuelle")


class Fee(models.TextChoices):
    FREE = "gratuit", _("gratuit")
    FREE_UNDER_CONDITIONS = "gratuit-sous-condition", _("gratuit sous condition")
    PAID = "payant", _("payant")


@deconstructible
class CodesValidator:
    """A list of codes, each one of ``choices`` (named by its dotted path, for migrations)."""

    def __init__(self, choices: str):
        self.choices = choices

    def __call__(self, value):
        known = set(import_string(self.choices).values)
        unknown = [str(code) for code in value] if isinstance(value, list) else [str(value)]
        unknown = [code for code in unknown if code not in known]
        if not isinstance(value, list) or unknown:
            raise ValidationError(_("Valeur inconnue : %(codes)s.") % {"codes": ", ".join(unknown)})

    def __eq__(self, other):
        return isinstance(other, CodesValidator) and other.choices == self.choices


def validate_pivot(value: str) -> None:
    """The standard's « pivot »: a SIRET (14 digits) or an RNA number (W and 9 digits)."""
    if value and not (
        value.isdigit() and len(value) == 14 or (value[:1] == "W" and value[1:].isdigit() and len(value) == 10)
    ):
        raise ValidationError(_("Donnez un SIRET (14 chiffres) ou un numéro RNA (W suivi de 9 chiffres)."))


def exactly_one_target() -> Q:
    """One of the four places set, the three others empty."""
    condition = Q()
    for name in TARGETS:
        condition |= Q(**{f"{other}__isnull": other != name for other in TARGETS})
    return condition


class DigitalPlaceQuerySet(models.QuerySet):
    def public(self):
        """Published, and the place it points to is itself public (a hidden shop hides its digital help too)."""
        from associations.directory.models import Association
        from solidarite.shops.models import Shop

        return self.filter(is_published=True).filter(
            Q(rights_place__is_published=True)
            | Q(room__isnull=False)
            | Q(
                association__hidden=False,
                association__merged_into__isnull=True,
                association__status__in=[Association.Status.PENDING, Association.Status.VERIFIED],
            )
            | Q(shop__status=Shop.Status.VERIFIED, shop__hidden=False)
        )

    def offering(self, services):
        """Places offering every one of ``services`` (``Service`` values)."""
        return self.filter(**dict.fromkeys(services, True))

    def with_point(self):
        """``lat``/``lon``: the point of the place it points to (one of four joins is not null)."""
        from django.db.models.functions import Coalesce

        return self.annotate(
            lat=Coalesce(*(f"{target}__latitude" for target in TARGETS)),
            lon=Coalesce(*(f"{target}__longitude" for target in TARGETS)),
        )

    def in_quartier(self, quartier):
        condition = Q()
        for target in TARGETS:
            condition |= Q(**{f"{target}__quartier": quartier})
        return self.filter(condition)


class DigitalPlace(models.Model):
    rights_place = models.OneToOneField(
        "rights.Place",
        verbose_name=_("point d'accueil"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="digital_help",
    )
    room = models.OneToOneField(
        "rooms.Room",
        verbose_name=_("salle"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="digital_help",
    )
    association = models.OneToOneField(
        "directory.Association",
        verbose_name=_("local associatif"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="digital_help",
    )
    shop = models.OneToOneField(
        "shops.Shop",
        verbose_name=_("commerce"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="digital_help",
    )
    free_computers = models.BooleanField(Service.COMPUTERS.label, default=False)
    free_wifi = models.BooleanField(Service.WIFI.label, default=False)
    printing = models.BooleanField(Service.PRINTING.label, default=False)
    online_procedures = models.BooleanField(Service.PROCEDURES.label, default=False)
    beginner_workshops = models.BooleanField(Service.WORKSHOPS.label, default=False)
    summary = models.CharField(
        _("en quelques mots"),
        max_length=280,
        blank=True,
        help_text=_("Ce qu'on y trouve, pour qui (280 caractères au plus)."),
    )
    publics = models.JSONField(
        _("publics accueillis en particulier"),
        default=list,
        blank=True,
        validators=[CodesValidator("solidarite.digital.models.Public")],
    )
    support = models.JSONField(
        _("accompagnement adapté"),
        default=list,
        blank=True,
        validators=[CodesValidator("solidarite.digital.models.Support")],
    )
    fee = models.CharField(_("prix"), max_length=30, choices=Fee.choices, default=Fee.FREE)
    opening_hours = models.CharField(
        _("horaires de l'aide au numérique"),
        max_length=255,
        blank=True,
        validators=[hours.validate_opening_hours],
        help_text=_("Syntaxe OpenStreetMap, ex. « Tu,Th 14:00-18:00; PH off ». Vide : les horaires du lieu."),
    )
    aidants_connect = models.BooleanField(
        _("habilité Aidants Connect"),
        default=False,
        help_text=_("Des aidant·es du lieu sont habilité·es à faire des démarches en ligne à la place d'une personne."),
    )
    conseiller_numerique = models.BooleanField(_("un·e conseiller·e numérique y reçoit"), default=False)
    pivot = models.CharField(
        _("SIRET ou RNA de la structure"),
        max_length=14,
        blank=True,
        validators=[validate_pivot],
        help_text=_("Pour l'export national. Vide : celui de l'association ou du commerce, ou celui de la ville."),
    )
    is_published = models.BooleanField(_("visible du public"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = DigitalPlaceQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("lieu de médiation numérique")
        verbose_name_plural = _("lieux de médiation numérique")
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_target(),
                name="digital_place_exactly_one_target",
                violation_error_message=_(
                    "Un lieu de médiation numérique est un seul lieu : point d'accueil, "
                    "salle, local associatif ou commerce."
                ),
            )
        ]

    def __str__(self):
        target = self.target
        return str(target) if target is not None else f"#{self.pk}"

    def get_absolute_url(self):
        return reverse("digital:place", args=[self.pk])

    @property
    def target(self):
        """The point d'accueil, room, association or shop this is the digital help of."""
        for name in TARGETS:
            if getattr(self, f"{name}_id"):
                return getattr(self, name)
        return None

    @property
    def target_kind(self) -> str:
        return next((name for name in TARGETS if getattr(self, f"{name}_id")), "")

    def services(self) -> list[str]:
        return [code for code in Service.values if getattr(self, code)]

    def service_labels(self) -> list[str]:
        return [str(label) for code, label in Service.choices if getattr(self, code)]

    def public_labels(self) -> list[str]:
        return [str(label) for code, label in Public.choices if code in self.publics]

    def support_labels(self) -> list[str]:
        return [str(label) for code, label in Support.choices if code in self.support]


class DigitalPlaceChange(models.Model):
    """One change of a place of digital help: who, when, and each changed field before and after."""

    place = models.ForeignKey(DigitalPlace, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=20)  # marked | updated
    changes = models.JSONField(default=dict, blank=True)  # {field: [before, after]}

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("modification d'un lieu de médiation numérique")
        verbose_name_plural = _("historique des lieux de médiation numérique")

    def __str__(self):
        return f"{self.place_id} {self.action} {self.at:%Y-%m-%d}"
