from django.utils import timezone

from solidarite.gardens import waiting
from solidarite.gardens.models import Garden, Orchard, Plot, Tree
from tests.factories import UserFactory, quartier


def make_garden(*, association=None, plots=0, priority=(), **fields) -> Garden:
    values = {
        "slug": "jardin-des-chenes",
        "name": "Jardin des Chênes",
        "address": "Rue des Chênes, 44400 Rezé",
        "latitude": 47.18,
        "longitude": -1.55,
        "quartier": quartier("ragon"),
        "opening_hours": "Mo-Su 08:00-20:00",
        "offer_days": 7,
        "season_fee": 2500,
        "association": association,
    }
    values.update(fields)
    garden = Garden.objects.create(**values)
    garden.priority_quartiers.set([quartier(slug) for slug in priority])
    for number in range(1, plots + 1):
        Plot.objects.create(garden=garden, number=str(number), area_m2=20)
    return garden


def allocated_plot(garden, number="A1", **fields) -> Plot:
    return Plot.objects.create(garden=garden, number=number, area_m2=25, status=Plot.Status.ALLOCATED, **fields)


def applicant(garden, *, quartier_slug=None, **fields):
    person = UserFactory()
    application = waiting.apply(
        by=person, garden=garden, quartier=quartier(quartier_slug) if quartier_slug else None, consent=True, **fields
    )
    return person, application


def make_orchard(**fields) -> Orchard:
    values = {
        "slug": "verger-de-la-houssais",
        "name": "Verger de la Houssais",
        "address": "Parc de la Houssais, 44400 Rezé",
        "latitude": 47.19,
        "longitude": -1.56,
    }
    values.update(fields)
    orchard = Orchard.objects.create(**values)
    Tree.objects.create(
        orchard=orchard,
        species="Malus domestica",
        name="pommier (reinette)",
        fruit="pommes",
        latitude=47.1901,
        longitude=-1.5601,
        season_from=9,
        season_to=10,
    )
    return orchard


def staff():
    return UserFactory(staff=True, last_seen_on=timezone.localdate())
