"""The reminder the day before an appointment (``send_appointment_reminders``, scheduled daily).

Idempotent: each appointment's reminder is a row (its primary key is the appointment) written in the
same transaction as the notification, so a second run, or two runs at once, never remind twice; an
appointment booked after the day's run (still "tomorrow") is reminded by the next run of the day, if
any. The notice names the permanence, the place and the hour, never the theme (it may show on a
locked phone), and says how to free the slot for someone else.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from solidarite import intervals
from solidarite.notifications.services import notify_many
from solidarite.rights import notices
from solidarite.rights.permanence_models import Appointment
from solidarite.rights.waitlist_models import AppointmentReminder


def due(now: dt.datetime):
    """Booked appointments of tomorrow (Paris days) not reminded yet."""
    tomorrow = now.astimezone(intervals.PARIS).date() + dt.timedelta(days=1)
    start = dt.datetime.combine(tomorrow, dt.time(), tzinfo=intervals.PARIS)
    return (
        Appointment.objects.booked()
        .filter(start__gte=start, start__lt=start + dt.timedelta(days=1), resident__isnull=False, reminder__isnull=True)
        .select_related("permanence__place", "resident")
        .order_by("start", "pk")
    )


def send(*, now=None) -> int:
    from solidarite.rights.availability import slot_text

    now = now or timezone.now()
    sent = 0
    for appointment in due(now):
        try:
            with transaction.atomic():
                # A concurrent run inserted it first: the unique key refuses, this run skips it.
                AppointmentReminder.objects.create(appointment=appointment, sent_at=now)
                place = appointment.permanence.place
                notify_many(
                    [
                        (
                            appointment.resident,
                            notices.REMINDER,
                            {
                                "params": {
                                    "permanence": appointment.permanence.title,
                                    "slot": slot_text(appointment.start, appointment.end),
                                    "place": f"{place.name}, {place.address}",
                                },
                                "url": appointment.get_absolute_url(),
                            },
                        )
                    ]
                )
        except IntegrityError:
            continue
        sent += 1
    return sent
