"""Demo data: the Repair café de la Blordière (an association of the directory's demo) holds a monthly
session, an action marked as a repair café; a volunteer has recorded the objects of the last two sessions."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.accounts.demo import DemoAccount, demo_user, register

ASSOCIATION = "repair-cafe-de-la-blordiere"
TITLE = "Repair café de la Blordière"
VOLUNTEER = ("reparatrice@solidarite.test", "Awa (repair café)")
# (ORDS category, brand, age, problem, kg, status, barrier) for each past session.
OBJECTS = [
    (14, "Moulinex", "6", "Ne chauffe plus : thermostat oxydé, nettoyé", "1.10", 1, None),
    (23, "Philips", "15", "Plus de son, soudure du haut-parleur reprise", "0.80", 1, None),
    (34, "Rowenta", "8", "Moteur grillé", "5.20", 3, 2),
    (16, "", "9", "Charnière cassée, pièce commandée", "2.10", 2, None),
    (24, "Bosch", "12", "Perceuse qui cale : charbons changés", "1.60", 1, None),
]


def _monthly_start():
    """Two months ago, Saturday-like 9:30 local: two past sessions with records, the next ones ahead."""
    day = timezone.localdate() - dt.timedelta(days=62)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))


@register(order=96)
def load_repairs():
    from associations.directory.models import Action, Association, Membership
    from solidarite.repairs.models import RecordLog, RepairCafe, RepairRecord

    association = Association.objects.filter(slug=ASSOCIATION).first()
    if association is None:
        return []
    email, name = VOLUNTEER
    password = "demo-reparatrice-2026"  # noqa: S105 - printed demo account
    volunteer = demo_user(email=email, password=password, display_name=name, quartier_slug="la-blordiere")
    Membership.objects.get_or_create(association=association, user=volunteer)
    start = _monthly_start()
    action, _created = Action.objects.get_or_create(
        association=association,
        title=TITLE,
        defaults={
            "kind": Action.Kind.WORKSHOP,
            "description": "Apportez un petit appareil en panne : on cherche la panne et on répare ensemble.",
            "starts_at": start,
            "ends_at": start + dt.timedelta(hours=3),
            "recurrence": Action.Recurrence.MONTHLY,
            "recurrence_until": start.date() + dt.timedelta(days=330),
            "place_name": "Maison de quartier de la Blordière",
            "address": "Rue de la Blordière, Rezé",
            "quartier": association.quartier,
            "wants_volunteers": True,
            "volunteers_needed": 3,
        },
    )
    RepairCafe.objects.get_or_create(action=action, defaults={"marked_by": volunteer})
    if not RepairRecord.objects.filter(action=action).exists():
        past = action.occurrence_starts(end=timezone.now())[-2:]
        for when in past:
            day = timezone.localtime(when).date()
            for category, brand, age, problem, kg, status, barrier in OBJECTS:
                record = RepairRecord.objects.create(
                    action=action,
                    event_date=day,
                    status=RepairRecord.Status.DONE,
                    product_category=category,
                    brand=brand,
                    product_age=Decimal(age),
                    problem=problem,
                    weight_kg=Decimal(kg),
                    repair_status=status,
                    repair_barrier=barrier,
                    quartier=action.quartier,
                )
                record.credits.create(repairer=volunteer)
                RecordLog.objects.create(
                    record=record, name="outcome", from_state="brought", to_state="done", by=volunteer
                )
    return [
        DemoAccount(
            "repair volunteer",
            email,
            password,
            str(_("/repair-cafes/ : noter les objets d'une session et leur issue")),
        )
    ]
