"""The waiting list of a full permanence, and the reminders sent the day before an appointment.

A person on the list waits for any day, or for one chosen day. When a booked slot is freed, the first
person still waiting (first come, first served) is offered it: the slot is held for them alone for a
few hours (``waitlist.HOLD``), then goes to the next person. The list ends for a person once they book,
leave it, let an offer lapse, or once their chosen day has passed (``waitlist`` has the rules).

A reminder row is written in the same transaction as its notification: its unique appointment is what
makes ``send_appointment_reminders`` send a reminder once, never twice, even run twice at once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class WaitlistEntry(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("en attente")
        OFFERED = "offered", _("créneau proposé")
        BOOKED = "booked", _("rendez-vous pris")
        WITHDRAWN = "withdrawn", _("retiré·e de la liste")
        EXPIRED = "expired", _("terminée")

    ACTIVE = (Status.WAITING, Status.OFFERED)

    permanence = models.ForeignKey(
        "rights.Permanence", verbose_name=_("permanence"), on_delete=models.CASCADE, related_name="waitlist"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="rights_waitlist",
    )
    day = models.DateField(_("jour souhaité"), null=True, blank=True, help_text=_("Vide : n'importe quel jour."))
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.WAITING)
    # The slot held for the person while the offer lasts (until ``offer_until``).
    offered_start = models.DateTimeField(null=True, blank=True)
    offered_end = models.DateTimeField(null=True, blank=True)
    offer_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("inscription sur la liste d'attente")
        verbose_name_plural = _("listes d'attente des permanences")
        indexes = [
            models.Index(fields=["permanence", "status", "created_at"]),
            models.Index(fields=["status", "offer_until"]),
        ]
        constraints = [
            # One place in the queue of a permanence per person (a second sign-up changes nothing).
            models.UniqueConstraint(
                fields=["permanence", "person"],
                condition=Q(status__in=["waiting", "offered"]),
                name="rights_waitlist_one_active_entry",
            )
        ]

    def __str__(self):
        return f"{self.permanence} — {self.get_status_display()}"


class AppointmentReminder(models.Model):
    appointment = models.OneToOneField(
        "rights.Appointment", on_delete=models.CASCADE, related_name="reminder", primary_key=True
    )
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("rappel de rendez-vous")
        verbose_name_plural = _("rappels de rendez-vous")

    def __str__(self):
        return f"{self.appointment_id} {self.sent_at:%Y-%m-%d}"
