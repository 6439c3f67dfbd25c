"""Notifications of the gardens (``notifications.kinds``): rendered when read, in the reader's language.

They name places (a garden, a plot, an orchard), never another person.
"""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_noop

from solidarite import intervals
from solidarite.notifications import kinds

PLOT_OFFERED = "gardens.plot_offered"
OFFER_EXPIRED = "gardens.offer_expired"
PLOT_TAKEN = "gardens.plot_taken"
FRUIT_RIPE = "gardens.fruit_ripe"


def register() -> None:
    kinds.register(
        PLOT_OFFERED,
        title=gettext_noop("Une parcelle vous est proposée au %(garden)s"),
        body=gettext_noop("Parcelle %(plot)s (%(area)s m²). Acceptez-la ou refusez-la avant le %(deadline)s."),
        recipients="the next applicant on the garden's waiting list, when a plot frees up",
    )
    kinds.register(
        OFFER_EXPIRED,
        title=gettext_noop("Le délai pour la parcelle %(plot)s est passé"),
        body=gettext_noop(
            "La parcelle est proposée à la personne suivante. Vous restez sur la liste d'attente du %(garden)s, "
            "en fin de liste."
        ),
        recipients="the applicant who let an offer's deadline pass",
    )
    kinds.register(
        PLOT_TAKEN,
        title=gettext_noop("Parcelle %(plot)s acceptée au %(garden)s"),
        body=gettext_noop("Préparez la convention d'occupation de la saison %(season)s."),
        recipients="the managers of the garden, when an applicant accepts a plot",
    )
    kinds.register(
        FRUIT_RIPE,
        title=gettext_noop("Les %(fruit)s sont mûres au %(orchard)s"),
        body=gettext_noop("Venez cueillir : c'est pour tout le monde, avec respect pour les arbres."),
        recipients="the people who follow the orchard",
    )


def _deadline(offer) -> str:
    return date_format(offer.deadline.astimezone(intervals.PARIS), "j F, H:i")


def plot_offered(offer) -> dict:
    plot = offer.plot
    params = {"garden": plot.garden.name, "plot": plot.number, "area": plot.area_m2, "deadline": _deadline(offer)}
    return {"params": params, "url": reverse("gardens:mine"), "data": {"offer": offer.pk}}


def offer_expired(offer) -> dict:
    return {"params": {"garden": offer.plot.garden.name, "plot": offer.plot.number}, "url": reverse("gardens:mine")}


def plot_taken(allocation) -> dict:
    garden = allocation.plot.garden
    params = {"garden": garden.name, "plot": allocation.plot.number, "season": allocation.season}
    return {"params": params, "url": reverse("gardens:manage", args=[garden.slug])}


def fruit_ripe(ripeness) -> dict:
    orchard = ripeness.orchard
    return {"params": {"fruit": ripeness.fruit, "orchard": orchard.name}, "url": orchard.get_absolute_url()}
