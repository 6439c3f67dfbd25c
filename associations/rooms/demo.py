"""Demo rooms of Rezé's maison des associations, a verified association and its manager, a few bookings."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext

from associations.rooms.models import PARIS, Booking, Room
from solidarite.accounts.demo import DemoAccount, demo_user, register

ROOMS = [
    {
        "slug": "salle-polyvalente",
        "name": "Salle polyvalente",
        "address": "Maison des associations, rue Jean-Jaurès, 44400 Rezé",
        "capacity": 80,
        "equipment": ["sono", "vidéoprojecteur", "cuisine", "tables et chaises"],
        "opening_hours": "Mo-Fr 09:00-22:30; Sa 09:00-23:30; Su 10:00-18:00",
        "needs_approval": True,
        "open_to": Room.OpenTo.NEIGHBOURS,
        "max_duration_hours": 8,
        "step_free": True,
        "hearing_loop": True,
        "accessible_toilets": True,
        "quartier": "reze-hotel-de-ville",
    },
    {
        "slug": "salle-de-reunion-loire",
        "name": "Salle de réunion Loire",
        "address": "Maison des associations, rue Jean-Jaurès, 44400 Rezé (1er étage, ascenseur)",
        "capacity": 20,
        "equipment": ["écran", "tableau blanc", "wifi"],
        "opening_hours": "Mo-Fr 09:00-12:30,13:30-22:00; Sa 09:00-13:00",
        "min_notice_hours": 24,
        "step_free": True,
        "quartier": "reze-hotel-de-ville",
    },
    {
        "slug": "atelier-trentemoult",
        "name": "Atelier de Trentemoult",
        "address": "Quai Surcouf, 44400 Rezé",
        "capacity": 15,
        "equipment": ["machines à coudre", "évier", "établi"],
        "opening_hours": "Tu-Sa 14:00-19:00",
        "max_duration_hours": 5,
        "accessibility_note": "Une marche de 10 cm à l'entrée ; rampe amovible sur demande.",
        "quartier": "trentemoult-les-isles",
    },
]


@register(order=70)
def load_rooms():
    from associations.directory.models import Association, Membership
    from solidarite.places.models import Quartier

    password = "demo-responsable-salles-2026"  # noqa: S105 - printed by manage.py demo
    manager = demo_user(
        email="responsable-salles@solidarite.test",
        password=password,
        display_name="Sylvie (Couture et partage)",
        quartier_slug="trentemoult-les-isles",
    )
    association, _ = Association.objects.get_or_create(
        slug="couture-et-partage",
        defaults={
            "name": "Couture et partage",
            "purpose": "Ateliers de couture et de réparation de vêtements, ouverts à toutes et tous.",
            "city": "Rezé",
            "postal_code": "44400",
            "status": Association.Status.VERIFIED,
            "verified_at": timezone.now(),
        },
    )
    Membership.objects.get_or_create(association=association, user=manager, defaults={"role": Membership.Role.MANAGER})
    rooms = {}
    for spec in ROOMS:
        spec = dict(spec)
        equipment = spec.pop("equipment")
        spec["quartier"] = Quartier.objects.filter(slug=spec.pop("quartier")).first()
        room, created = Room.objects.get_or_create(slug=spec["slug"], defaults=spec)
        if created:
            room.equipment.set(equipment)
        rooms[room.slug] = room
    atelier = rooms["atelier-trentemoult"]
    if not Booking.objects.filter(room=atelier).exists():
        # Next Tuesdays and Saturdays, created directly: demo data, not a user's request.
        today = timezone.localdate()
        for weeks in range(1, 5):
            tuesday = today + dt.timedelta(days=(1 - today.weekday()) % 7 + 7 * weeks)
            Booking.objects.create(
                room=atelier,
                association=association,
                booked_by=manager,
                title="Atelier couture",
                start=dt.datetime.combine(tuesday, dt.time(14)).replace(tzinfo=PARIS),
                end=dt.datetime.combine(tuesday, dt.time(17)).replace(tzinfo=PARIS),
                status=Booking.Status.CONFIRMED,
            )
    return [
        DemoAccount("association manager (rooms)", manager.email, password, gettext("/salles/ : réserver une salle"))
    ]
