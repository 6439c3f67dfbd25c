"""Exceptional support: what an association asks, how the city reviews it, what was granted.

Money is Decimal euros with cents, never negative (check constraints on both databases). An
envelope's ``granted`` total only changes inside ``services.grant`` under a row lock; the check
constraint ``granted <= amount`` is the last line of defence if anything ever bypasses it.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarite.accounts.roles import is_city_staff
from solidarite.workflow import TransitionLog

ZERO = Decimal("0.00")
# Above this, an amount is a typing mistake rather than a municipal exceptional support.
MAX_AMOUNT = Decimal("10000000.00")


def money_field(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name,
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(ZERO), MaxValueValidator(MAX_AMOUNT)],
        **kwargs,
    )


class SupportKind(models.TextChoices):
    MONEY = "money", _("aide en numéraire")
    ROOM = "room", _("prêt de salle")
    MATERIAL = "material", _("prêt de matériel")
    COMMUNICATION = "communication", _("aide à la communication")

    @classmethod
    def in_kind(cls):
        return [cls.ROOM, cls.MATERIAL, cls.COMMUNICATION]


class Envelope(models.Model):
    year = models.PositiveSmallIntegerField(_("année"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    kind = models.CharField(_("type de soutien"), max_length=20, choices=SupportKind.choices)
    theme = models.CharField(_("thème"), max_length=100, blank=True, help_text=_("Facultatif, ex. alimentation."))
    label = models.CharField(_("intitulé"), max_length=200)
    amount = money_field(_("montant de l'enveloppe (€)"))
    granted = money_field(_("montant déjà attribué (€)"), default=ZERO, editable=False)
    dispositif_aide = models.CharField(
        _("identifiant du dispositif d'aide"),
        max_length=100,
        blank=True,
        help_text=_("Publié dans la colonne dispositifAide des données ouvertes (schéma des dispositifs d'aide)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "kind", "theme"]
        verbose_name = _("enveloppe")
        verbose_name_plural = _("enveloppes")
        constraints = [
            models.UniqueConstraint(fields=["year", "kind", "theme"], name="support_envelope_unique"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="support_envelope_amount_positive"),
            models.CheckConstraint(
                condition=Q(granted__gte=0) & Q(granted__lte=models.F("amount")), name="support_envelope_not_overdrawn"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.granted

    @property
    def used_ratio(self) -> float:
        return float(self.granted / self.amount) if self.amount else 0.0


class ReviewTeam(models.Model):
    """City staff who review support requests together (e.g. « Vie associative », « Finances »).

    A request can be entrusted to a team, to a person, or to both; with only a team set, the team's
    members are the ones told and alerted.
    """

    name = models.CharField(_("nom"), max_length=100, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membres"),
        related_name="support_teams",
        blank=True,
        limit_choices_to={"is_staff": True},
        help_text=_("Des agent·es de la ville uniquement."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("équipe d'instruction")
        verbose_name_plural = _("équipes d'instruction")

    def __str__(self):
        return self.name

    def active_members(self):
        """Members who are still active staff: someone who left the city's staff is told nothing."""
        return self.members.city_staff_to_notify()


class SupportRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Managers see their associations' requests; staff see every submitted one."""
        if not user.is_authenticated:
            return self.none()
        from associations.directory.models import Association

        own = Q(association__in=Association.objects.managed_by(user))
        if is_city_staff(user):
            # A draft stays the association's own business until it is submitted.
            return self.filter(own | ~Q(state=SupportRequest.State.DRAFT))
        return self.filter(own)

    def awaiting_decision(self):
        """Submitted and not decided yet: the staff's queue (including those waiting for the
        association's complements, which the city will decide on)."""
        return self.exclude(state__in=[SupportRequest.State.DRAFT, *SupportRequest.DECIDED])

    def awaiting_city(self):
        return self.filter(state__in=SupportRequest.WAITING_FOR_CITY)

    def stale(self, now=None):
        """Waiting for the city's answer for longer than SUPPORT_STALE_DAYS."""
        now = now or timezone.now()
        limit = now - timedelta(days=settings.SUPPORT_STALE_DAYS)
        return self.awaiting_city().filter(waiting_since__lt=limit)


class SupportRequest(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("brouillon")
        SUBMITTED = "submitted", _("déposée")
        IN_REVIEW = "in_review", _("en instruction")
        NEEDS_INFO = "needs_info", _("en attente de compléments")
        GRANTED = "granted", _("accordée")
        REFUSED = "refused", _("refusée")
        CLOSED = "closed", _("classée")

    WAITING_FOR_CITY = (State.SUBMITTED, State.IN_REVIEW)
    EDITABLE = (State.DRAFT, State.NEEDS_INFO)
    DECIDED = (State.GRANTED, State.REFUSED, State.CLOSED)

    association = models.ForeignKey(
        "directory.Association",
        verbose_name=_("association"),
        on_delete=models.PROTECT,
        related_name="support_requests",
    )
    action = models.ForeignKey(
        "directory.Action",
        verbose_name=_("action publiée"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_requests",
    )
    action_title = models.CharField(
        _("action concernée"),
        max_length=200,
        blank=True,
        help_text=_("Le nom de l'action pour laquelle vous demandez un soutien, si elle n'est pas encore publiée."),
    )
    title = models.CharField(
        _("objet de la demande"), max_length=250, help_text=_("Une phrase courte, publiée si une aide est accordée.")
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Pourquoi, pour qui, comment."))
    kind = models.CharField(_("type de soutien"), max_length=20, choices=SupportKind.choices, default=SupportKind.MONEY)
    theme = models.CharField(_("thème"), max_length=100, blank=True)
    amount_requested = money_field(
        _("montant demandé (€)"), null=True, blank=True, help_text=_("Pour une aide en numéraire.")
    )
    in_kind_details = models.TextField(
        _("besoin en nature"), blank=True, help_text=_("Salle, matériel ou aide à la communication : précisez.")
    )
    action_budget = money_field(_("budget total de l'action (€)"), null=True, blank=True)
    start_date = models.DateField(_("date de début de l'action"), null=True, blank=True)
    end_date = models.DateField(_("date de fin de l'action"), null=True, blank=True)
    state = models.CharField(_("état"), max_length=20, choices=State.choices, default=State.DRAFT)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("instructeur·rice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_reviews",
    )
    team = models.ForeignKey(
        ReviewTeam,
        verbose_name=_("équipe d'instruction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_requests",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="support_requests"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("déposée le"), null=True, blank=True)
    # Since when the association waits for an answer from the city (None: the ball is not in the city's court).
    waiting_since = models.DateTimeField(null=True, blank=True)
    stale_alerted_at = models.DateTimeField(null=True, blank=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("demande de soutien")
        verbose_name_plural = _("demandes de soutien")
        indexes = [models.Index(fields=["state", "waiting_since"]), models.Index(fields=["kind", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_requested__isnull=True) | Q(amount_requested__gte=0),
                name="support_request_amount_positive",
            ),
            models.CheckConstraint(
                condition=Q(action_budget__isnull=True) | Q(action_budget__gte=0),
                name="support_request_budget_positive",
            ),
        ]

    def __str__(self):
        return f"{self.association} — {self.title}"

    def get_absolute_url(self):
        return reverse("support:detail", args=[self.pk])

    @property
    def granted_value(self):
        """What was granted (money and in kind) once granted; None before (no decision row yet)."""
        grant = getattr(self, "grant", None)  # a reverse one-to-one raises until the decision exists
        return grant.total_value if grant is not None else None

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE

    @property
    def is_money(self) -> bool:
        return self.kind == SupportKind.MONEY

    @property
    def share_asked(self) -> Decimal | None:
        """Share of the action's budget asked from the city, 0..1."""
        if self.amount_requested is None or not self.action_budget:
            return None
        return (self.amount_requested / self.action_budget).quantize(Decimal("0.0001"))

    def is_stale(self, now=None) -> bool:
        now = now or timezone.now()
        return bool(
            self.state in self.WAITING_FOR_CITY
            and self.waiting_since
            and self.waiting_since < now - timedelta(days=settings.SUPPORT_STALE_DAYS)
        )


class TransitionQuerySet(models.QuerySet):
    def for_association(self):
        """What the association's history shows: its request's states, not the city's internal assignments."""
        return self.exclude(name__in=Transition.INTERNAL_STEPS)


class Transition(TransitionLog):
    # Steps that do not change the state and concern only the city's own organisation.
    INTERNAL_STEPS = ("assign",)

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="transitions")
    # With the states' labels: the association's history shows them.
    from_state = models.CharField(max_length=20, choices=SupportRequest.State.choices)
    to_state = models.CharField(max_length=20, choices=SupportRequest.State.choices)
    by_city = models.BooleanField(default=False)
    # For an "assign" step: to whom the request was entrusted (both empty: to nobody).
    assigned_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confiée à"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_team = models.ForeignKey(
        ReviewTeam,
        verbose_name=_("confiée à l'équipe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = TransitionQuerySet.as_manager()

    class Meta(TransitionLog.Meta):
        verbose_name = _("étape")
        verbose_name_plural = _("historique")

    @property
    def assignment_label(self) -> str:
        person = self.assigned_reviewer.public_name if self.assigned_reviewer_id else ""
        team = self.assigned_team.name if self.assigned_team_id else ""
        if person and team:
            return _("Instruction confiée à %(person)s, équipe « %(team)s »") % {"person": person, "team": team}
        if person:
            return _("Instruction confiée à %(person)s") % {"person": person}
        if team:
            return _("Instruction confiée à l'équipe « %(team)s »") % {"team": team}
        return _("Instruction remise sans affectation")


class Grant(models.Model):
    """The decision that grants support: money from an envelope, or help in kind valued in euros."""

    class Nature(models.TextChoices):
        MONEY = "money", _("aide en numéraire")
        IN_KIND = "in_kind", _("aide en nature")

    class PaymentTerms(models.TextChoices):
        SINGLE = "unique", _("versement unique")
        STAGED = "échelonné", _("versement échelonné")
        OTHER = "autre", _("autre")

    request = models.OneToOneField(SupportRequest, on_delete=models.CASCADE, related_name="grant")
    envelope = models.ForeignKey(
        Envelope, verbose_name=_("enveloppe"), null=True, blank=True, on_delete=models.PROTECT, related_name="grants"
    )
    nature = models.CharField(_("nature"), max_length=10, choices=Nature.choices)
    amount = money_field(_("montant accordé (€)"), default=ZERO)
    in_kind_value = money_field(_("valeur de l'aide en nature (€)"), default=ZERO)
    in_kind_description = models.TextField(_("aide en nature accordée"), blank=True)
    payment_terms = models.CharField(
        _("conditions de versement"), max_length=20, choices=PaymentTerms.choices, default=PaymentTerms.SINGLE
    )
    payment_terms_other = models.CharField(_("précisez les conditions"), max_length=250, blank=True)
    payment_start = models.DateField(_("date (ou début) de versement"), null=True, blank=True)
    payment_end = models.DateField(_("fin de la période de versement"), null=True, blank=True)
    # A free room is granted by booking it through the rooms app (same conflict rules); both sides link.
    room_booking = models.OneToOneField(
        "rooms.Booking",
        verbose_name=_("réservation de salle"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_grant",
    )
    decision_reference = models.CharField(_("référence de la décision"), max_length=100)
    decision_date = models.DateField(_("date de la décision"), default=timezone.localdate)
    # Who received it, as the association was at the decision: the open-data export (SCDL) publishes these,
    # so a later change of name or identifiers on the association's page does not rewrite past grants.
    beneficiary_name = models.CharField(_("bénéficiaire (à la décision)"), max_length=200, blank=True)
    beneficiary_siret = models.CharField(_("SIRET du bénéficiaire (à la décision)"), max_length=14, blank=True)
    beneficiary_rna = models.CharField(_("numéro RNA du bénéficiaire (à la décision)"), max_length=10, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decision_date", "-pk"]
        verbose_name = _("aide accordée")
        verbose_name_plural = _("aides accordées")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(in_kind_value__gte=0), name="support_grant_amounts_positive"
            ),
        ]

    def __str__(self):
        return f"{self.request} — {self.decision_reference}"

    @property
    def total_value(self) -> Decimal:
        return self.amount + self.in_kind_value

    @property
    def payment_conditions_label(self) -> str:
        """The SCDL conditionsVersement value: 'unique', 'échelonné' or the free description of 'autre'."""
        if self.payment_terms == self.PaymentTerms.OTHER and self.payment_terms_other:
            return self.payment_terms_other
        return self.payment_terms

    @property
    def payment_period(self) -> str:
        if not self.payment_start:
            return ""
        if self.payment_end and self.payment_end != self.payment_start:
            return f"{self.payment_start.isoformat()}/{self.payment_end.isoformat()}"
        return self.payment_start.isoformat()


from associations.support.conversation_models import Attachment, Message, PrivateNote  # noqa: E402,F401 (the app's models)
