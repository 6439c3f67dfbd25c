"""Shared gardens at scale: ~200 gardens, 3,000 plots, 10,000 applications on their waiting lists.

Measured: ``gardens.offers.free_plot``, the entry point the manager's page and the API call when a plot
frees up: the plot's allocation ends and the plot is offered to the next applicant in turn (priority
quartiers, then the date joined), who is notified. Each sample frees a different allocated plot.
"""

import datetime as dt

GARDENS = 200
PLOTS = 3_000
APPLICATIONS = 10_000


def seed(args, rng):
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from associations.directory.models import Association, Membership
    from solidarite.accounts.models import User
    from solidarite.gardens.models import Allocation, Application, Garden, Plot
    from solidarite.places.models import Quartier

    now = timezone.now()
    quartiers = list(Quartier.objects.all())
    manager = User.objects.create(
        email="bench-jardins@exemple.fr",
        display_name="Responsable",
        password=make_password(None),
        email_confirmed_at=now,
    )
    association = Association.objects.create(
        name="Jardiniers du banc d'essai",
        slug="jardiniers-banc",
        purpose="Jardins.",
        city="Rezé",
        postal_code="44400",
        status=Association.Status.VERIFIED,
        verified_at=now,
    )
    Membership.objects.create(association=association, user=manager, role=Membership.Role.MANAGER)
    gardens = Garden.objects.bulk_create(
        Garden(
            slug=f"jardin-{n}",
            name=f"Jardin {n}",
            address=f"{n} rue des Jardins, 44400 Rezé",
            latitude=47.17 + rng.random() / 50,
            longitude=-1.56 + rng.random() / 50,
            quartier=rng.choice(quartiers),
            association=association,
            season_fee=2000,
        )
        for n in range(GARDENS)
    )
    through = Garden.priority_quartiers.through
    through.objects.bulk_create(
        through(garden_id=g.pk, quartier_id=q.pk) for g in gardens for q in rng.sample(quartiers, 2)
    )
    per_garden = PLOTS // GARDENS
    plots = Plot.objects.bulk_create(
        Plot(
            garden=g,
            number=str(n),
            area_m2=rng.choice((15, 20, 50, 100)),
            status=Plot.Status.ALLOCATED,
            kind=Plot.Kind.ACCESSIBLE if n == 0 else Plot.Kind.INDIVIDUAL,
        )
        for g in gardens
        for n in range(per_garden)
    )
    password = make_password(None)
    people = User.objects.bulk_create(
        User(
            email=f"bench-jardinier-{n}@exemple.fr",
            display_name=f"Jardinier {n}",
            password=password,
            email_confirmed_at=now,
        )
        for n in range(APPLICATIONS)
    )
    applications = []
    for n, person in enumerate(people):
        since = now - dt.timedelta(days=rng.randint(1, 1500), minutes=n)
        applications.append(
            Application(
                garden=gardens[n % GARDENS],
                person=person,
                quartier=rng.choice(quartiers),
                wants_accessible=rng.random() < 0.05,
                consent_at=since,
                created_at=since,
                queued_at=since,
            )
        )
    Application.objects.bulk_create(applications, batch_size=2000)
    Allocation.objects.bulk_create(
        (
            Allocation(
                plot=p,
                person=people[i % len(people)],
                season=now.year,
                fee=2000,
                created_at=now - dt.timedelta(days=200),
                waited_days=300,
            )
            for i, p in enumerate(plots)
        ),
        batch_size=2000,
    )
    order = [p.pk for p in plots]
    rng.shuffle(order)
    return {"manager": manager, "plots": order}


def measure(args, rng, state, timed):
    from solidarite.gardens import offers
    from solidarite.gardens.models import Offer, Plot

    manager, plots = state["manager"], state["plots"]
    samples = min(args.samples, len(plots) - 10)
    timed(lambda i: offers.free_plot(by=manager, plot=Plot(pk=plots[-1 - i])), 10)  # warm-up
    figures = {"garden_offer_ms": timed(lambda i: offers.free_plot(by=manager, plot=Plot(pk=plots[i])), samples)}
    offered = Offer.objects.filter(status=Offer.Status.PROPOSED).count()
    print(f"  gardens: {samples + 10} plots freed, {offered} offered to the next applicant", flush=True)
    return figures
