"""The library of things at scale: 2,000 items, 50,000 past loans (``--items``, ``--loans``).

Measured: ``services.book_days`` (the entry point of the page, the API and issue 19's devices) booking a
free period of an item: the overlap check under the item's lock (``intervals.exclusive``), the insert the
exclusion constraint checks on PostgreSQL, the log row, the waiting-list cleanup and the managers'
notification. Then 30 bookings of one item for one period at once, each on its own connection: exactly
one must succeed (printed).
"""

import datetime as dt
import threading
from decimal import Decimal

LENDERS = 20
BORROWERS = 500
RACERS = 30


def seed(args, rng):
    from django.utils import timezone

    from solidarite.accounts.models import User
    from solidarite.lending.models import Handover, Item, Lender, Loan, period
    from solidarite.places.models import Quartier

    quartiers = list(Quartier.objects.all()) or [None]
    managers = User.objects.bulk_create(
        User(email=f"bench-lender-{i}@exemple.fr", display_name=f"Responsable {i}", password="!")
        for i in range(LENDERS)
    )
    borrowers = User.objects.bulk_create(
        (
            User(
                email=f"bench-borrower-{i}@exemple.fr",
                display_name=f"Voisin {i}",
                password="!",
                quartier=quartiers[i % len(quartiers)],
            )
            for i in range(BORROWERS)
        ),
        batch_size=2000,
    )
    lenders = []
    for i in range(LENDERS):
        lender = Lender.objects.create(
            name=f"Prêteur {i}",
            slug=f"preteur-{i}",
            kind="town" if i % 2 else "ressourcerie",
            address="Rezé",
            pickup_hours="le mardi",
        )
        lender.managers.add(managers[i])
        lenders.append(lender)
    categories = [c for c, _label in Item.Category.choices]
    items = Item.objects.bulk_create(
        (
            Item(
                lender=lenders[i % LENDERS],
                name=f"Objet {i}",
                slug=f"objet-{i}",
                category=categories[i % len(categories)],
                weight_kg=Decimal(rng.randrange(10, 900)) / 100,
            )
            for i in range(args.items)
        ),
        batch_size=2000,
    )
    # Past loans, never overlapping on one item: each item's history is consecutive weeks back from today.
    today = timezone.localdate()
    per_item = -(-args.loans // len(items))
    loans = []
    for n in range(args.loans):
        item = items[n % len(items)]
        week = n // len(items) + 1
        first = today - dt.timedelta(days=7 * week + rng.randrange(0, 2))
        start, end = period(first, first + dt.timedelta(days=rng.randrange(1, 5)))
        borrower = borrowers[rng.randrange(BORROWERS)]
        loans.append(
            Loan(
                item=item,
                borrower=borrower,
                quartier_id=borrower.quartier_id,
                start=start,
                end=end,
                status="returned",
                weight_kg=item.weight_kg,
            )
        )
    loans = Loan.objects.bulk_create(loans, batch_size=5000)
    Handover.objects.bulk_create(
        (
            Handover(loan=loan, direction="out", condition="good", weight_kg=loan.weight_kg, at=loan.start)
            for loan in loans
        ),
        batch_size=5000,
    )
    print(f"  loans: {len(items)} items, {len(loans)} past loans ({per_item} per item)", flush=True)
    return items, borrowers


def measure(args, rng, state, timed):
    from django.db import connections

    from solidarite.lending import services

    items, borrowers = state
    today = services.today()

    def book(i):
        # A free period: a different item each time, later days once every item has had one.
        item = items[(i * 7) % len(items)]
        first = today + dt.timedelta(days=2 + 4 * (i // len(items)))
        services.book_days(
            item=item, borrower=borrowers[i % len(borrowers)], first_day=first, last_day=first + dt.timedelta(days=2)
        )

    timed(lambda i: book(args.samples + i), 10)  # warm-up, on periods the samples do not use
    samples = timed(book, args.samples)

    # 30 bookings of one item for one period, each in its own thread and so on its own connection.
    item = items[-1]
    first = today + dt.timedelta(days=90)
    barrier = threading.Barrier(RACERS)
    outcomes = []

    def attempt(person):
        try:
            barrier.wait(timeout=30)
            services.book_days(item=item, borrower=person, first_day=first, last_day=first + dt.timedelta(days=3))
            outcomes.append("ok")
        except services.Taken:
            outcomes.append("taken")
        except Exception as error:  # noqa: BLE001 - printed: anything but ok/taken is a failure
            outcomes.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(borrowers[i],)) for i in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    others = sorted({o for o in outcomes if o not in ("ok", "taken")})
    print(
        f"  concurrent loans of one item for one period: {outcomes.count('ok')} of {RACERS} succeeded, "
        f"{outcomes.count('taken')} told it was taken{', errors: ' + '; '.join(others) if others else ''}",
        flush=True,
    )
    return {"loan_ms": samples}
