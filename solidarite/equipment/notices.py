"""Notifications of equipment requests (``notifications.kinds``): rendered when read, in the reader's
language. They name a device and a place, never a household."""

from django.utils.formats import date_format
from django.utils.translation import gettext_noop

from solidarite import intervals
from solidarite.notifications import kinds

OFFERED = "equipment.offered"
EXPIRED = "equipment.expired"
REFUSED = "equipment.refused"
LENT = "equipment.lent"


def register() -> None:
    kinds.register(
        OFFERED,
        title=gettext_noop("Un appareil vous attend : %(device)s"),
        body=gettext_noop("Choisissez un créneau pour venir le chercher à %(place)s avant le %(until)s."),
        recipients="the household's side of the request the device went to: its requester and its resident",
    )
    kinds.register(
        EXPIRED,
        title=gettext_noop("La proposition d'appareil a expiré"),
        body=gettext_noop("L'appareil est allé à un autre foyer. Vous pouvez refaire une demande."),
        recipients="the household's side of a request whose offer expired",
    )
    kinds.register(
        REFUSED,
        title=gettext_noop("Votre demande d'équipement n'est pas retenue"),
        body=gettext_noop("Motif : %(reason)s"),
        recipients="the household's side of a request staff did not retain",
    )
    kinds.register(
        LENT,
        title=gettext_noop("Un appareil vous est prêté : %(device)s"),
        body=gettext_noop(
            "À chercher à %(place)s le %(first)s, à rendre le %(last)s. Ce prêt ne compte pas dans la règle "
            "d'un appareil par foyer : votre demande garde sa place."
        ),
        recipients="the household's side of a running request staff lent a device to",
    )


def people(request) -> list:
    """Who hears about a request: the requester (the resident, or the mediator who filled it in) and
    the resident's account, once each."""
    seen, found = set(), []
    for user in (request.requester, request.resident):
        if user is not None and user.pk not in seen:
            seen.add(user.pk)
            found.append(user)
    return found


def offered(request) -> dict:
    until = date_format(request.offer_expires_at.astimezone(intervals.PARIS), "j F")
    params = {"device": str(request.device), "place": request.device.batch.place.name, "until": until}
    return {"params": params, "url": request.get_absolute_url()}


def expired(request) -> dict:
    return {"params": {}, "url": request.get_absolute_url()}


def refused(request, reason: str) -> dict:
    return {"params": {"reason": reason}, "url": request.get_absolute_url()}


def lent(loan) -> dict:
    from django.urls import reverse

    params = {
        "device": loan.item.name,
        "place": loan.item.where,
        "first": date_format(loan.first_day, "l j F"),
        "last": date_format(loan.last_day, "l j F"),
    }
    return {"params": params, "url": reverse("lending:my_loans")}
