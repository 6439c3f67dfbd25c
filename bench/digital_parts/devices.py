"""Equipment: 10,000 requests (most closed, a waiting list of about a third) and 2,000 devices, then new
devices allocated one by one through ``equipment.allocation.allocate``, the entry point a new batch calls
after commit, run as under daphne (in a thread working for the event loop): the device locked, the first
waiting request by the priority rules found in SQL, locked, offered, the household notified (row, then
push)."""

import datetime as dt

STATUSES = (
    ("waiting",) * 35 + ("handed_over",) * 40 + ("withdrawn", "expired", "declined", "refused") * 5 + ("offered",) * 5
)
PUBLICS = ("pupil", "senior_alone", "senior", "job_seeker")
WANTED = ("computer", "tablet", "any")


def seed(args, rng):
    from django.utils import timezone

    from solidarite.accounts.models import User
    from solidarite.equipment.models import Batch, Device, EquipmentRequest, Household
    from solidarite.places.models import Quartier
    from solidarite.rights.models import Place

    now = timezone.now()
    quartiers = [
        Quartier.objects.get_or_create(
            slug=f"q{i}", defaults={"name": f"Quartier {i}", "latitude": 47.18, "longitude": -1.55}
        )[0]
        for i in range(7)
    ]
    place = Place.objects.create(
        slug="point-numerique-bench",
        name="Point numérique",
        kind="numerique",
        address="1 place de la Mairie",
        opening_hours="Mo-Sa 09:00-18:00",
    )
    users = User.objects.bulk_create(
        [User(email=f"bench-eq-{i}@exemple.fr", display_name=f"Foyer {i}", password="!") for i in range(500)]
    )
    batch = Batch.objects.create(organisation="Atelier bench", place=place, created_at=now)
    devices = Device.objects.bulk_create(
        [
            Device(
                batch=batch,
                kind=rng.choice(("laptop", "desktop", "tablet")),
                specs="8 Go",
                condition="b",
                reference=f"B{i}",
                status="handed_over" if i % 5 else "reserved",
                created_at=now,
            )
            for i in range(args.devices)
        ]
    )
    households = Household.objects.bulk_create([Household(key=f"{i:064x}") for i in range(args.requests)])
    requests = []
    reserved = iter(d for d in devices if d.status == "reserved")
    for i, household in enumerate(households):
        status = rng.choice(STATUSES)
        device = next(reserved, None) if status == "offered" else None
        if status == "offered" and device is None:
            status = "waiting"
        created = now - dt.timedelta(days=rng.randint(1, 700), minutes=rng.randint(0, 1440))
        requests.append(
            EquipmentRequest(
                household=household,
                requester=rng.choice(users),
                public=rng.choice(PUBLICS),
                wanted=rng.choice(WANTED),
                quartier=rng.choice(quartiers),
                status=status,
                device=device,
                address="" if status not in ("waiting", "offered") else f"{i} rue du Bench, 44400",
                offered_at=now if device else None,
                offer_expires_at=now + dt.timedelta(days=7) if device else None,
                created_at=created,
                closed_at=None if status in ("waiting", "offered") else created + dt.timedelta(days=30),
            )
        )
    EquipmentRequest.objects.bulk_create(requests, batch_size=2000)
    waiting = sum(r.status == "waiting" for r in requests)
    print(f"  devices: {len(requests)} requests ({waiting} waiting), {len(devices)} devices", flush=True)
    return {"batch": batch}


def measure(args, rng, state, timed):
    import asyncio

    from asgiref.sync import sync_to_async
    from django.db import connections
    from django.utils import timezone

    from solidarite.equipment import allocation
    from solidarite.equipment.models import Device

    now = timezone.now()
    new = Device.objects.bulk_create(
        [
            Device(
                batch=state["batch"],
                kind=rng.choice(("laptop", "tablet")),
                specs="i5, 8 Go",
                condition="a",
                reference=f"N{i}",
                created_at=now,
            )
            for i in range(args.samples)
        ]
    )
    given = []

    def allocate(i):
        given.append(allocation.allocate(new[i].pk))

    # As under daphne: the entry point runs in a thread working for a running event loop (a request's
    # thread, where a batch's after-commit matching runs), so the push joins the loop's outbox instead of
    # starting a loop of its own per call (about 40 ms on a loaded 2-core machine: see ``realtime``).
    def run():
        try:
            return timed(allocate, len(new))
        finally:
            connections.close_all()  # this thread's connection, before the throw-away database is dropped

    async def on_a_loop():
        return await sync_to_async(run)()

    samples = asyncio.run(on_a_loop())
    print(f"  devices: {sum(r is not None for r in given)} of {len(new)} new devices offered", flush=True)
    return {"allocate_ms": samples}
