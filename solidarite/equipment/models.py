"""Digital equipment for households: refurbishers' devices given to those on the town's waiting list.

What is kept about a household is the decision and what delivery needs, nothing of the situation
behind it: the public it belongs to (the criterion the town publishes, as declared and checked at the
desk), the kind of device wanted, a quartier (for the figures), and the postal address until the
handover. The household is recognised by a keyed hash of its normalised address (``household.py``),
kept ``EQUIPMENT_YEARS_BETWEEN_DEVICES`` years after its last handover, so that the rule « one device
per household per N years » holds without keeping the address.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from solidarite.workflow import TransitionLog

# A handover takes this long at the desk; the place's hours are cut into slots of this length.
HANDOVER_MINUTES = 20


class DeviceKind(models.TextChoices):
    LAPTOP = "laptop", _("ordinateur portable")
    DESKTOP = "desktop", _("ordinateur fixe")
    TABLET = "tablet", _("tablette")


class Wanted(models.TextChoices):
    COMPUTER = "computer", _("un ordinateur")
    TABLET = "tablet", _("une tablette")
    ANY = "any", _("un ordinateur ou une tablette")


class Public(models.TextChoices):
    # The order of priority lives in ``priority.RULES``, not here.
    PUPIL = "pupil", _("un·e élève vit dans le foyer")
    SENIOR_ALONE = "senior_alone", _("personne de 60 ans ou plus vivant seule")
    SENIOR = "senior", _("personne de 60 ans ou plus")
    JOB_SEEKER = "job_seeker", _("personne en recherche d'emploi")


class Condition(models.TextChoices):
    AS_NEW = "a", _("comme neuf")
    GOOD = "b", _("bon état (traces d'usage)")
    FAIR = "c", _("état correct (marques visibles)")


class Refurbisher(models.Model):
    """The role staff grant to a person of a refurbishing partner (one row per person)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="equipment_refurbisher",
    )
    organisation = models.CharField(_("structure de reconditionnement"), max_length=150)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(_("accordé le"))
    revoked_at = models.DateTimeField(_("retiré le"), null=True, blank=True)

    class Meta:
        ordering = ["organisation", "pk"]
        verbose_name = _("reconditionneur·se")
        verbose_name_plural = _("reconditionneur·ses")

    def __str__(self):
        return f"{self.user} — {self.organisation}"


class Batch(models.Model):
    """Devices a refurbisher brings at once, handed over at one point d'accueil."""

    organisation = models.CharField(_("structure de reconditionnement"), max_length=150)
    listed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    label = models.CharField(_("nom du lot"), max_length=100, blank=True)
    place = models.ForeignKey(
        "rights.Place", verbose_name=_("lieu de remise"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("déposé le"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lot d'appareils")
        verbose_name_plural = _("lots d'appareils")

    def __str__(self):
        return self.label or _("Lot n° %(pk)s") % {"pk": self.pk}


class Device(models.Model):
    class Status(models.TextChoices):
        LISTED = "listed", _("disponible")
        RESERVED = "reserved", _("réservé pour un foyer")
        HANDED_OVER = "handed_over", _("remis")
        LENDABLE = "lendable", _("gardé pour le prêt")
        WITHDRAWN = "withdrawn", _("retiré")

    batch = models.ForeignKey(Batch, verbose_name=_("lot"), on_delete=models.CASCADE, related_name="devices")
    kind = models.CharField(_("type"), max_length=10, choices=DeviceKind.choices)
    specs = models.CharField(_("caractéristiques"), max_length=200)
    condition = models.CharField(_("état"), max_length=1, choices=Condition.choices)
    reference = models.CharField(_("identifiant du reconditionneur"), max_length=50)
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices, default=Status.LISTED)
    # A device kept for loans is an item of the objethèque (``loans``): its loans are the objethèque's,
    # under the same one-loan-at-a-time guarantee, never a copy of them.
    item = models.OneToOneField(
        "lending.Item", null=True, blank=True, on_delete=models.SET_NULL, related_name="device", editable=False
    )
    created_at = models.DateTimeField(_("déposé le"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("appareil")
        verbose_name_plural = _("appareils")
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.reference}"


class DeviceLog(TransitionLog):
    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="log")


class Household(models.Model):
    """A household as the rule « one device per N years » sees it: a keyed hash of its address."""

    key = models.CharField(max_length=64, unique=True)
    last_handover_on = models.DateField(_("dernier appareil remis le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("foyer")
        verbose_name_plural = _("foyers")

    def __str__(self):
        return self.key[:8]


class RequestQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE)

    def waiting(self):
        return self.filter(status=EquipmentRequest.Status.WAITING)

    def accepting(self, kind: str):
        """Waiting requests a device of ``kind`` suits."""
        wanted = [Wanted.ANY, Wanted.TABLET if kind == DeviceKind.TABLET else Wanted.COMPUTER]
        return self.waiting().filter(wanted__in=wanted)

    def visible_to(self, user):
        """Staff see every request; a person those they made, those made for them, and those made
        under a mandate of a structure where they are a mediator."""
        from solidarite.rights.mandate_models import MediatorGrant

        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.is_staff:
            return self.all()
        structures = MediatorGrant.objects.effective().filter(user=user).values("association")
        return self.filter(Q(requester=user) | Q(resident=user) | Q(mandate__structure__in=structures))


class EquipmentRequest(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("en attente")
        OFFERED = "offered", _("appareil proposé")
        BOOKED = "booked", _("remise prévue")
        HANDED_OVER = "handed_over", _("appareil remis")
        DECLINED = "declined", _("refusé par le foyer")
        EXPIRED = "expired", _("proposition expirée")
        WITHDRAWN = "withdrawn", _("retirée")
        REFUSED = "refused", _("non retenue")

    # Null once the household's hash is purged (``retention``): the request stays as a figure.
    household = models.ForeignKey(Household, null=True, on_delete=models.SET_NULL, related_name="requests")
    # Who filled it in: the resident, or a mediator / staff member for a resident without an account.
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("habitant·e (compte)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="equipment_requests",
    )
    mandate = models.ForeignKey("rights.Mandate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    public = models.CharField(_("critère"), max_length=20, choices=Public.choices)
    wanted = models.CharField(_("appareil souhaité"), max_length=10, choices=Wanted.choices)
    quartier = models.ForeignKey(
        "places.Quartier", verbose_name=_("quartier"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Only until the handover (or the request's end): then the household key alone remains.
    address = models.CharField(_("adresse postale"), max_length=250, blank=True)
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices, default=Status.WAITING)
    device = models.ForeignKey(Device, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    # The handover slot (at the device's batch place); one handover per place at a time.
    place = models.ForeignKey("rights.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    start = models.DateTimeField(null=True, blank=True)
    end = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("demandé le"))
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("demande d'équipement")
        verbose_name_plural = _("demandes d'équipement")
        indexes = [models.Index(fields=["status", "public", "created_at"]), models.Index(fields=["place", "start"])]
        constraints = [
            # One running request per household: the concurrency rule's last word.
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(status__in=["waiting", "offered", "booked"]),
                name="equipment_one_running_request",
            ),
        ]

    def __str__(self):
        return _("Demande n° %(pk)s") % {"pk": self.pk}

    def get_absolute_url(self):
        return reverse("equipment:request", args=[self.pk])


ACTIVE = (EquipmentRequest.Status.WAITING, EquipmentRequest.Status.OFFERED, EquipmentRequest.Status.BOOKED)


class RequestLog(TransitionLog):
    request = models.ForeignKey(EquipmentRequest, on_delete=models.CASCADE, related_name="log")
