"""The reviewer's alert when an aid's review date has passed (``notifications.kinds``).

Registered rather than stored as text: the aid's title is a parameter, so each reader gets the
notice in their own language (the alert is written once, by a nightly command, in no one's language).
"""

from django.utils.translation import gettext_noop

from solidarite.notifications import kinds

REVIEW_DUE = "rights.review_due"
REVIEW_DUE_TITLE = gettext_noop("Fiche à relire : %(aid)s")
REVIEW_DUE_BODY = gettext_noop(
    "La date de relecture (%(date)s) est passée : vérifiez la fiche sur sa source, puis marquez-la vérifiée."
)


def register() -> None:
    kinds.register(
        REVIEW_DUE,
        title=REVIEW_DUE_TITLE,
        body=REVIEW_DUE_BODY,
        recipients="the aid's reviewer if active staff, else every active staff member",
    )


def review_due(aid, date_text: str) -> dict:
    return {"params": {"aid": aid.title, "date": date_text}, "url": aid.get_absolute_url()}


# An agent is told when someone books, moves or cancels at their permanence. The text names nobody:
# who is expected is on the agent's day list, behind its permission check.
APPOINTMENT_BOOKED = "rights.appointment_booked"
APPOINTMENT_MOVED = "rights.appointment_moved"
APPOINTMENT_CANCELLED = "rights.appointment_cancelled"
APPOINTMENT_TITLES = {
    APPOINTMENT_BOOKED: gettext_noop("Nouveau rendez-vous : %(permanence)s"),
    APPOINTMENT_MOVED: gettext_noop("Rendez-vous déplacé : %(permanence)s"),
    APPOINTMENT_CANCELLED: gettext_noop("Rendez-vous annulé : %(permanence)s"),
}
APPOINTMENT_BODY = gettext_noop("%(slot)s — motif : %(reason)s")
# The person is told when an agent cancels their appointment.
APPOINTMENT_CANCELLED_FOR_RESIDENT = "rights.appointment_cancelled_for_resident"


def register_appointments() -> None:
    for kind, title in APPOINTMENT_TITLES.items():
        kinds.register(
            kind, title=title, body=APPOINTMENT_BODY, recipients="the permanence's active agents, but who acted"
        )
    kinds.register(
        APPOINTMENT_CANCELLED_FOR_RESIDENT,
        title=gettext_noop("Votre rendez-vous est annulé : %(permanence)s"),
        recipients="the person of the appointment, when an agent cancels it",
    )


def appointment(appointment, slot: str, previous=None) -> dict:
    from django.urls import reverse

    day = appointment.start.astimezone(appointment.local_start.tzinfo).date().isoformat()
    url = reverse("rights:agent_day", args=[appointment.permanence.slug]) + f"?jour={day}"
    return {
        "params": {
            "permanence": appointment.permanence.title,
            "slot": slot,
            "reason": appointment.get_reason_display(),
        },
        "url": url,
    }


# The waiting list (rights/waitlist.py): the first person waiting is offered a freed slot, held for them a
# while; past it, the slot goes to the next one and they are told.
SLOT_OFFERED = "rights.waitlist_offer"
SLOT_OFFERED_TITLE = gettext_noop("Un créneau s'est libéré : %(permanence)s")
SLOT_OFFERED_BODY = gettext_noop(
    "%(slot)s. Il vous est réservé jusqu'au %(until)s : réservez-le avant, sinon il sera proposé à la personne "
    "suivante de la liste."
)
OFFER_LAPSED = "rights.waitlist_lapsed"
OFFER_LAPSED_TITLE = gettext_noop("Créneau non réservé : %(permanence)s")
OFFER_LAPSED_BODY = gettext_noop(
    "Le créneau proposé est passé à la personne suivante et vous avez quitté la liste d'attente. "
    "Inscrivez-vous à nouveau si vous cherchez toujours un rendez-vous."
)

# The day-before reminder (rights/reminders.py, nightly command).
REMINDER = "rights.appointment_reminder"
REMINDER_TITLE = gettext_noop("Rappel : rendez-vous demain, %(permanence)s")
REMINDER_BODY = gettext_noop(
    "%(slot)s, %(place)s. Si vous ne pouvez pas venir, annulez le rendez-vous : le créneau ira à quelqu'un d'autre."
)


def register_waitlist_and_reminders() -> None:
    kinds.register(
        SLOT_OFFERED,
        title=SLOT_OFFERED_TITLE,
        body=SLOT_OFFERED_BODY,
        recipients="the first person of the permanence's waiting list still waiting",
    )
    kinds.register(
        OFFER_LAPSED,
        title=OFFER_LAPSED_TITLE,
        body=OFFER_LAPSED_BODY,
        recipients="the person whose held slot lapsed",
    )
    kinds.register(
        REMINDER, title=REMINDER_TITLE, body=REMINDER_BODY, recipients="the person of tomorrow's appointment"
    )


# A resident with an account is told that a structure may now act for them, and how to stop it.
MANDATE_GIVEN = "rights.mandate_given"
MANDATE_GIVEN_TITLE = gettext_noop("Mandat donné à %(structure)s")
MANDATE_GIVEN_BODY = gettext_noop(
    "%(structure)s peut agir pour vous jusqu'au %(date)s (%(scope)s). Vous pouvez révoquer ce mandat à tout moment."
)


def register_mandates() -> None:
    kinds.register(
        MANDATE_GIVEN,
        title=MANDATE_GIVEN_TITLE,
        body=MANDATE_GIVEN_BODY,
        recipients="the resident with an account for whom a mediator recorded the mandate",
    )


def mandate_given(mandate, date_text: str) -> dict:
    return {
        "params": {
            "structure": mandate.structure.name,
            "date": date_text,
            "scope": ", ".join(mandate.scope_labels()),
        },
        "url": mandate.get_absolute_url(),
    }
