"""Demo data: two Rezé gardens (one run by the town, one by an association of gardeners), their plots,
their gardeners and waiting lists, an orchard on public land with its trees and followers, and a work
day linked to the association's garden. The people are invented."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.accounts.demo import DemoAccount, demo_user, register

ASSOCIATION = {
    "slug": "jardiniers-de-ragon",
    "name": "Les Jardiniers de Ragon",
    "rna": "W443004588",
    "purpose": "Jardins familiaux et partagés à Ragon : parcelles, compost collectif, trocs de graines.",
    "address": "Chemin de la Jaguère",
    "city": "Rezé",
    "postal_code": "44400",
    "latitude": 47.1583,
    "longitude": -1.5405,
}
GARDENS = [
    {
        "slug": "jardin-partage-des-trois-moulins",
        "name": "Jardin partagé des Trois-Moulins",
        "kind": "community",
        "address": "Rue des Trois-Moulins, 44400 Rezé",
        "quartier": "chateau",
        "point": (47.1852, -1.5628),
        "opening_hours": "Mo-Su 08:00-20:00",
        "raised_beds": True,
        "accessibility": "Allées stabilisées, point d'eau à hauteur de fauteuil.",
        "criteria": "Habiter Rezé. Une parcelle par foyer. Participer à deux chantiers collectifs par an.",
        "priority": ["chateau", "pont-rousseau"],
        "season_fee": 1500,
        "plots": [
            ("1", 15, "individual"),
            ("2", 15, "individual"),
            ("3", 20, "individual"),
            ("4", 20, "individual"),
            ("5", 8, "accessible"),
            ("6", 60, "collective"),
        ],
    },
    {
        "slug": "jardins-familiaux-de-la-jaguere",
        "name": "Jardins familiaux de la Jaguère",
        "kind": "allotments",
        "address": "Chemin de la Jaguère, 44400 Rezé",
        "quartier": "ragon",
        "point": (47.1580, -1.5402),
        "opening_hours": "Mo-Su 07:00-21:00",
        "raised_beds": False,
        "accessibility": "",
        "criteria": "Habiter Rezé, en logement sans jardin. Convention d'occupation annuelle.",
        "priority": ["ragon"],
        "season_fee": 4000,
        "plots": [(f"J{n}", 100, "individual") for n in range(1, 9)],
    },
]
# Invented gardeners: (e-mail, name, quartier).
GARDENERS = [
    ("bernard.l@exemple.fr", "Bernard L.", "chateau"),
    ("chloe.m@exemple.fr", "Chloé M.", "pont-rousseau"),
    ("driss.k@exemple.fr", "Driss K.", "ragon"),
    ("elise.p@exemple.fr", "Élise P.", "la-houssais"),
    ("fanny.r@exemple.fr", "Fanny R.", "chateau"),
    ("gaston.t@exemple.fr", "Gaston T.", "ragon"),
]
ORCHARD = {
    "slug": "verger-de-la-houssais",
    "name": "Verger de la Houssais",
    "address": "Parc de la Houssais, allée des Tilleuls, 44400 Rezé",
    "quartier": "la-houssais",
    "point": (47.1668, -1.5612),
    "description": "Une vingtaine d'arbres plantés par la ville et les habitant·es en 2019.",
}
TREES = [
    ("Malus domestica", "pommier (reinette grise)", "pommes", (47.16682, -1.56121), 9, 10, "easy"),
    ("Malus domestica", "pommier (belle de Boskoop)", "pommes", (47.16691, -1.56110), 9, 10, "ladder"),
    ("Pyrus communis", "poirier (conférence)", "poires", (47.16674, -1.56132), 8, 9, "ladder"),
    ("Ficus carica", "figuier", "figues", (47.16668, -1.56100), 8, 9, "easy"),
    ("Prunus domestica", "prunier (reine-claude)", "prunes", (47.16700, -1.56145), 7, 8, "hard"),
]


def _person(email, name, quartier_slug):
    from solidarite.accounts.models import User
    from solidarite.places.models import Quartier

    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "display_name": name,
            "quartier": Quartier.objects.filter(slug=quartier_slug).first(),
            "email_confirmed_at": timezone.now(),
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _garden(data, association):
    from solidarite.gardens.models import Garden, Plot
    from solidarite.places.models import Quartier

    data = dict(data)
    lat, lon = data.pop("point")
    priority, plots = data.pop("priority"), data.pop("plots")
    quartiers = {q.slug: q for q in Quartier.objects.all()}
    garden, created = Garden.objects.get_or_create(
        slug=data.pop("slug"),
        defaults={
            **data,
            "quartier": quartiers.get(data["quartier"]),
            "latitude": lat,
            "longitude": lon,
            "association": association,
        },
    )
    if created:
        garden.priority_quartiers.set([quartiers[slug] for slug in priority])
        for number, area, kind in plots:
            Plot.objects.create(garden=garden, number=number, area_m2=area, kind=kind, status=Plot.Status.ALLOCATED)
    return garden, created


def _allocate(garden, people, now):
    """Every plot held by an invented gardener, allocated at past dates (the dashboard's figures)."""
    from solidarite.gardens.models import Allocation

    for index, plot in enumerate(garden.plots.order_by("pk")):
        person = people[index % len(people)]
        when = now - dt.timedelta(days=30 * (index + 1))
        Allocation.objects.create(
            plot=plot,
            person=person,
            season=when.year,
            fee=garden.season_fee,
            quartier=person.quartier,
            waited_days=40 + 25 * index,
            created_at=when,
            agreement_signed_on=when.date(),
        )


@register(order=97)
def load_gardens():
    from associations.directory.models import Action, Association, Membership
    from solidarite.gardens.models import Application, Follow, Orchard, Tree
    from solidarite.places.models import Quartier

    now = timezone.now()
    manager = demo_user(
        email="jardins@solidarite.test",
        password="demo-jardins-2026",  # noqa: S106 - printed demo account
        display_name="Yves (Jardiniers de Ragon)",
        quartier_slug="ragon",
    )
    demo_user(
        email="jardiniere@solidarite.test",
        password="demo-jardiniere-2026",  # noqa: S106 - printed demo account
        display_name="Awa (jardinière)",
        quartier_slug="chateau",
    )
    association, _created = Association.objects.get_or_create(
        slug=ASSOCIATION["slug"],
        defaults={
            **{k: v for k, v in ASSOCIATION.items() if k != "slug"},
            "quartier": Quartier.objects.filter(slug="ragon").first(),
            "status": Association.Status.VERIFIED,
            "verified_at": now,
            "created_by": manager,
        },
    )
    Membership.objects.get_or_create(association=association, user=manager, defaults={"role": Membership.Role.MANAGER})
    people = [_person(*row) for row in GARDENERS]
    town, created = _garden(GARDENS[0], None)  # the town's first: the permissions matrix's garden
    if created:
        _allocate(town, people[:3], now)
        for index, person in enumerate(people[3:]):
            since = now - dt.timedelta(days=200 - 30 * index)
            Application.objects.create(
                garden=town,
                person=person,
                quartier=person.quartier,
                consent_at=since,
                created_at=since,
                queued_at=since,
            )
    allotments, created = _garden(GARDENS[1], association)
    if created:
        _allocate(allotments, people, now)
    if not Action.objects.filter(association=association, title="Chantier collectif : compost et haies").exists():
        start = (now + dt.timedelta(days=12)).replace(hour=9, minute=30, second=0, microsecond=0)
        action = Action.objects.create(
            association=association,
            title="Chantier collectif : compost et haies",
            kind=Action.Kind.EVENT,
            description="Retourner le compost, tailler les haies, partager un pique-nique.",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=3),
            last_ends_at=start + dt.timedelta(hours=3),
            place_name=allotments.name,
            address=allotments.address,
            created_by=manager,
        )
        allotments.actions.add(action)
    data = dict(ORCHARD)
    lat, lon = data.pop("point")
    orchard, created = Orchard.objects.get_or_create(
        slug=data.pop("slug"),
        defaults={
            **data,
            "quartier": Quartier.objects.filter(slug=data["quartier"]).first(),
            "latitude": lat,
            "longitude": lon,
        },
    )
    if created:
        for species, name, fruit, (tlat, tlon), start, end, ease in TREES:
            Tree.objects.create(
                orchard=orchard,
                species=species,
                name=name,
                fruit=fruit,
                latitude=tlat,
                longitude=tlon,
                season_from=start,
                season_to=end,
                ease=ease,
            )
        for person in people[:2]:
            Follow.objects.get_or_create(orchard=orchard, person=person, defaults={"created_at": now})
    to_try = {
        "garden manager": _("/jardins/%(slug)s/gestion/ : libérer une parcelle, la liste d'attente")
        % {"slug": allotments.slug},
        "gardener": _("/jardins/ : s'inscrire sur une liste d'attente, suivre le verger de la Houssais"),
    }
    return [
        DemoAccount("garden manager", "jardins@solidarite.test", "demo-jardins-2026", str(to_try["garden manager"])),
        DemoAccount("gardener", "jardiniere@solidarite.test", "demo-jardiniere-2026", str(to_try["gardener"])),
    ]
