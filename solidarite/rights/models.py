"""Access to rights, first slice: the guide of aids (« dispositifs ») and the points d'accueil.

An aid says what it is, for whom, on which conditions, what to bring and how to apply, with its source
and the date the town read it there. Each aid has a reviewer (a city agent) and a next-review date: past
it, the page says when the information was last checked and the reviewer is alerted (``reviews``).
Every change is kept in ``AidRevision`` (who, when, which fields, before and after).

Themes and publics are child rows (one code each), not JSON lists: "aids about housing for tenants"
is then an indexed join on SQLite and PostgreSQL alike.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.directory.text import normalize, search_terms
from solidarite.rights.vocabulary import THEMATIQUE_LABELS, AidKind, Institution, Public, institution_name
from solidarite.shops import hours

THEMATIQUE_CODES = sorted(THEMATIQUE_LABELS)


class AidQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        if user.is_authenticated and user.is_active and user.is_staff:
            return self
        return self.published()

    def search(self, query: str):
        """Every word must appear, accents and case ignored, in the title, summary, keywords or conditions."""
        qs = self
        for term in search_terms(query):
            qs = qs.filter(search_text__contains=term)
        return qs

    def with_theme(self, code: str):
        """A data·inclusion thematique, or a whole category (``logement-hebergement``)."""
        if "--" in code:
            return self.filter(pk__in=AidTheme.objects.filter(code=code).values("aid_id"))
        return self.filter(pk__in=AidTheme.objects.filter(code__startswith=code + "--").values("aid_id"))

    def for_public(self, code: str):
        """Aids for this public, and those for everyone."""
        return self.filter(pk__in=AidPublic.objects.filter(code__in=[code, Public.ALL]).values("aid_id"))

    def review_due(self, on: dt.date | None = None):
        return self.published().filter(next_review_on__lte=on or timezone.localdate())


class Aid(models.Model):
    slug = models.SlugField(_("adresse de la page"), max_length=120, unique=True)
    title = models.CharField(_("nom du dispositif"), max_length=150)
    summary = models.TextField(
        _("en quelques mots"),
        help_text=_("Des phrases courtes, sans sigle non expliqué : ce que le dispositif apporte, à qui."),
    )
    keywords = models.CharField(
        _("autres noms, sigles"),
        max_length=250,
        blank=True,
        help_text=_("Ce que les gens tapent pour le trouver : sigles, anciens noms (ex. CMU, ACS)."),
    )
    kind = models.CharField(_("type d'aide"), max_length=20, choices=AidKind.choices, default=AidKind.MONEY)
    institution = models.CharField(_("qui l'accorde"), max_length=20, choices=Institution.choices)
    eligibility = models.TextField(_("conditions principales"), help_text=_("Une condition par ligne."))
    documents = models.TextField(_("documents à préparer"), blank=True, help_text=_("Un document par ligne."))
    how_to_apply = models.TextField(_("comment faire la demande"))
    apply_online_url = models.URLField(_("demande en ligne (lien)"), max_length=300, blank=True)
    apply_form_url = models.URLField(_("formulaire papier (lien)"), max_length=300, blank=True)
    apply_at_place = models.BooleanField(
        _("demande ou aide possible à un point d'accueil"),
        default=False,
        help_text=_("Un point d'accueil de la ville aide à faire la demande, ou la reçoit."),
    )
    phone = models.CharField(_("téléphone d'information"), max_length=40, blank=True)
    provider = models.ForeignKey(
        "rights.Place",
        verbose_name=_("structure qui le délivre sur place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="provided_aids",
        help_text=_("Pour les aides de la ville, du CCAS ou d'une association : le lieu qui les instruit."),
    )
    source_url = models.URLField(_("source (lien officiel)"), max_length=300)
    source_date = models.DateField(_("date de la source"), help_text=_("Date à laquelle la source a été lue."))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent·e qui relit la fiche"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_aids",
        limit_choices_to={"is_staff": True, "is_active": True},
    )
    reviewed_on = models.DateField(_("informations vérifiées le"))
    next_review_on = models.DateField(_("prochaine relecture le"))
    # The next-review date the reviewer was last alerted for: one alert per due date, not one a day.
    review_alerted_for = models.DateField(null=True, blank=True, editable=False)
    is_published = models.BooleanField(_("publiée"), default=True)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = AidQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("dispositif")
        verbose_name_plural = _("dispositifs")
        indexes = [models.Index(fields=["is_published", "next_review_on"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.set_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("rights:aid", args=[self.slug])

    def set_search_text(self) -> None:
        institution = institution_name(self.institution) if self.institution else ""
        self.search_text = normalize(" ".join([self.title, self.keywords, self.summary, self.eligibility, institution]))

    @property
    def institution_label(self) -> str:
        return institution_name(self.institution)

    @property
    def theme_codes(self) -> list[str]:
        return sorted(theme.code for theme in self.themes.all())

    @property
    def public_codes(self) -> list[str]:
        return sorted(public.code for public in self.publics.all())

    def theme_labels(self) -> list[str]:
        return [str(THEMATIQUE_LABELS[code]) for code in self.theme_codes if code in THEMATIQUE_LABELS]

    def public_labels(self) -> list[str]:
        labels = dict(Public.choices)
        return [str(labels[code]) for code in self.public_codes if code in labels]

    def review_overdue(self, on: dt.date | None = None) -> bool:
        return self.next_review_on < (on or timezone.localdate())

    def eligibility_lines(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.eligibility.splitlines() if line.strip(" -•\t")]

    def document_lines(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.documents.splitlines() if line.strip(" -•\t")]


class AidTheme(models.Model):
    aid = models.ForeignKey(Aid, on_delete=models.CASCADE, related_name="themes")
    code = models.CharField(max_length=120, choices=[(code, THEMATIQUE_LABELS[code]) for code in THEMATIQUE_CODES])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["aid", "code"], name="rights_aidtheme_unique")]
        indexes = [models.Index(fields=["code", "aid"])]

    def __str__(self):
        return self.code


class AidPublic(models.Model):
    aid = models.ForeignKey(Aid, on_delete=models.CASCADE, related_name="publics")
    code = models.CharField(max_length=30, choices=Public.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["aid", "code"], name="rights_aidpublic_unique")]
        indexes = [models.Index(fields=["code", "aid"])]

    def __str__(self):
        return self.code


class AidRevision(models.Model):
    """One change of an aid: who, when, and each changed field's value before and after."""

    aid = models.ForeignKey(Aid, on_delete=models.CASCADE, related_name="revisions")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=20)  # created | updated | reviewed | imported
    changes = models.JSONField(default=dict, blank=True)  # {field: [before, after]}

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("modification d'un dispositif")
        verbose_name_plural = _("historique des dispositifs")

    def __str__(self):
        return f"{self.aid_id} {self.action} {self.at:%Y-%m-%d}"


class PlaceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def with_theme(self, code: str):
        if "--" in code:
            return self.filter(pk__in=PlaceTheme.objects.filter(code=code).values("place_id"))
        return self.filter(pk__in=PlaceTheme.objects.filter(code__startswith=code + "--").values("place_id"))


class Place(models.Model):
    """A point d'accueil: where someone helps in person or by phone (mairie desk, CCAS, association…)."""

    class Kind(models.TextChoices):
        TOWN_HALL = "mairie", _("accueil de la mairie")
        CCAS = "ccas", _("CCAS")
        ASSOCIATION = "association", _("local associatif")
        HOUSE_OF_ASSOCIATIONS = "maison-des-associations", _("salle de la maison des associations")
        SOCIAL_CENTRE = "centre-social", _("centre socioculturel")
        DIGITAL = "numerique", _("lieu d'aide au numérique")
        OTHER = "autre", _("autre lieu")

    class Wheelchair(models.TextChoices):
        UNKNOWN = "", _("non renseigné")
        YES = "yes", _("accessible en fauteuil roulant")
        LIMITED = "limited", _("accès en partie possible")
        NO = "no", _("non accessible en fauteuil roulant")

    slug = models.SlugField(_("adresse de la page"), max_length=120, unique=True)
    name = models.CharField(_("nom"), max_length=150)
    kind = models.CharField(_("type de lieu"), max_length=30, choices=Kind.choices)
    description = models.TextField(_("ce qu'on y trouve"), blank=True)
    address = models.CharField(_("adresse"), max_length=250)
    postal_code = models.CharField(_("code postal"), max_length=5, blank=True)
    city = models.CharField(_("commune"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    quartier = models.ForeignKey(
        "places.Quartier", verbose_name=_("quartier"), null=True, blank=True, on_delete=models.SET_NULL
    )
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("site web"), max_length=300, blank=True)
    opening_hours = models.CharField(
        _("horaires d'accueil"),
        max_length=255,
        blank=True,
        validators=[hours.validate_opening_hours],
        help_text=_("Syntaxe OpenStreetMap, ex. « Mo-Fr 08:30-12:30,13:30-17:30; PH off »."),
    )
    phone_hours = models.CharField(
        _("quand téléphoner"), max_length=200, blank=True, help_text=_("Ex. du lundi au vendredi, 9 h – 12 h.")
    )
    wheelchair = models.CharField(
        _("accès en fauteuil roulant"), max_length=10, choices=Wheelchair.choices, blank=True, default=""
    )
    accessibility = models.TextField(
        _("accessibilité"), blank=True, help_text=_("Marche, boucle magnétique, place assise, interprète…")
    )
    association = models.ForeignKey(
        "directory.Association",
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="points_d_accueil",
    )
    aids = models.ManyToManyField(
        Aid, verbose_name=_("dispositifs pour lesquels on y aide"), blank=True, related_name="places"
    )
    is_published = models.BooleanField(_("publié"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("point d'accueil")
        verbose_name_plural = _("points d'accueil")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("rights:place", args=[self.slug])

    def hours_status(self, at=None) -> hours.HoursStatus:
        return hours.status(self.opening_hours, at)

    @property
    def theme_codes(self) -> list[str]:
        return sorted(theme.code for theme in self.themes.all())

    def theme_labels(self) -> list[str]:
        return [str(THEMATIQUE_LABELS[code]) for code in self.theme_codes if code in THEMATIQUE_LABELS]

    @property
    def phone_link(self) -> str:
        """``tel:`` target: digits and a leading +, so a phone dials it as written."""
        return "".join(c for c in self.phone if c.isdigit() or c == "+")


class PlaceTheme(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="themes")
    code = models.CharField(max_length=120, choices=[(code, THEMATIQUE_LABELS[code]) for code in THEMATIQUE_CODES])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["place", "code"], name="rights_placetheme_unique")]
        indexes = [models.Index(fields=["code", "place"])]

    def __str__(self):
        return self.code


# The permanences and their appointments live in their own module (kept under ~400 lines each).
from solidarite.rights.mandate_models import Mandate, MandateAct, MandateLog, MediatorGrant  # noqa: E402, F401
from solidarite.rights.permanence_models import Appointment, Permanence  # noqa: E402, F401
from solidarite.rights.waitlist_models import AppointmentReminder, WaitlistEntry  # noqa: E402, F401
