"""Notifications of the épicerie (``notifications.kinds``): rendered when read, in the reader's language.

They name places (a shop, an épicerie), never a household.
"""

from django.urls import reverse
from django.utils.translation import gettext_noop

from solidarite.notifications import kinds

SURPLUS_OFFERED = "grocery.surplus_offered"
SURPLUS_ACCEPTED = "grocery.surplus_accepted"


def register() -> None:
    kinds.register(
        SURPLUS_OFFERED,
        title=gettext_noop("Invendus proposés par %(shop)s"),
        body=gettext_noop("%(what)s (%(kg)s kg), à récupérer avant le %(until)s."),
        recipients="the managers of each épicerie whose needs the offer matches",
    )
    kinds.register(
        SURPLUS_ACCEPTED,
        title=gettext_noop("Vos invendus sont acceptés par %(grocery)s"),
        body=gettext_noop("%(what)s : un·e bénévole vient les chercher avant le %(until)s."),
        recipients="the shop's owner, when an épicerie accepts its offer",
    )


def _until(offer) -> str:
    from django.utils.formats import date_format

    from solidarite import intervals

    return date_format(offer.until.astimezone(intervals.PARIS), "j F, H:i")


def surplus_offered(offer) -> dict:
    params = {"shop": offer.shop.name, "what": offer.what, "kg": str(offer.kg), "until": _until(offer)}
    return {"params": params, "url": reverse("grocery:surplus")}


def surplus_accepted(offer) -> dict:
    params = {"grocery": offer.accepted_by.name, "what": offer.what, "until": _until(offer)}
    return {"params": params, "url": reverse("grocery:surplus")}
