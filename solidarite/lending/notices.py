"""Notifications of the library of things (``notifications.kinds``): rendered when read, in the reader's
language. They name the item and its pickup point; the borrower only to the owner's managers."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_noop

from solidarite.notifications import kinds

BOOKED = "lending.booked"
CANCELLED = "lending.cancelled"
REMINDER = "lending.reminder"
LATE = "lending.late"
BACK = "lending.back"
LATE_BEFORE_YOURS = "lending.late_before_yours"


def register() -> None:
    kinds.register(
        BOOKED,
        title=gettext_noop("%(borrower)s a réservé « %(item)s »"),
        body=gettext_noop("Retrait le %(first)s, retour le %(last)s."),
        recipients="the managers of the item's lender, when someone books it",
        people=("borrower",),
    )
    kinds.register(
        CANCELLED,
        title=gettext_noop("Prêt annulé : « %(item)s »"),
        body=gettext_noop("Le prêt du %(first)s au %(last)s est annulé. %(reason)s"),
        recipients="the other side of the loan (the borrower, or the lender's managers) when one side cancels",
    )
    kinds.register(
        REMINDER,
        title=gettext_noop("À rendre demain : « %(item)s »"),
        body=gettext_noop("Rapportez-le à %(where)s (%(hours)s)."),
        recipients="the borrower, the day before the return day",
    )
    kinds.register(
        LATE,
        title=gettext_noop("« %(item)s » n'est pas encore rendu"),
        body=gettext_noop("Il devait revenir le %(last)s. D'autres personnes l'attendent peut-être."),
        recipients="the borrower and the lender's managers, the day after the return day if it is not back",
    )
    kinds.register(
        LATE_BEFORE_YOURS,
        title=gettext_noop("« %(item)s » n'est pas encore revenu avant votre prêt"),
        body=gettext_noop(
            "La personne qui l'a emprunté avant vous devait le rendre le %(last)s. Votre prêt commence le "
            "%(first)s : nous vous prévenons dès son retour. Vous pouvez aussi annuler votre réservation."
        ),
        recipients="the borrower whose loan of the same item starts next, when the loan before is flagged late",
    )
    kinds.register(
        BACK,
        title=gettext_noop("« %(item)s » est de retour"),
        body=gettext_noop("Vous étiez sur sa liste d'attente : vous pouvez le réserver dès maintenant."),
        recipients="everyone on the item's waiting list, when it comes back",
    )


def _day(value) -> str:
    return date_format(value, "l j F")


def loan_params(loan) -> dict:
    return {"item": loan.item.name, "first": _day(loan.first_day), "last": _day(loan.last_day)}


def booked(loan) -> dict:
    return {"params": loan_params(loan), "people": {"borrower": loan.borrower_id}, "url": reverse("lending:manage")}


def cancelled(loan, *, reason: str, for_owner: bool) -> dict:
    url = reverse("lending:manage") if for_owner else reverse("lending:my_loans")
    return {"params": {**loan_params(loan), "reason": reason}, "url": url}


def reminder(loan) -> dict:
    lender = loan.item.lender
    return {
        "params": {"item": loan.item.name, "where": loan.item.where, "hours": lender.pickup_hours},
        "url": reverse("lending:my_loans"),
    }


def late(loan, *, for_owner: bool) -> dict:
    url = reverse("lending:manage") if for_owner else reverse("lending:my_loans")
    return {"params": loan_params(loan), "url": url}


def back(item) -> dict:
    return {"params": {"item": item.name}, "url": item.get_absolute_url()}


def late_before_yours(late_loan, next_loan) -> dict:
    """To the next borrower: the day the item was due back, and the first day of their own loan."""
    return {
        "params": {
            "item": late_loan.item.name,
            "last": _day(late_loan.last_day),
            "first": _day(next_loan.first_day),
        },
        "url": reverse("lending:my_loans"),
        "data": {"loan": next_loan.pk},
    }
