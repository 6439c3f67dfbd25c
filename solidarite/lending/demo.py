"""Demo data: the objethèque of the Repair café de la Blordière (managed by the demo association manager)
and the town's energy and water saving kits (managed by city staff), with a loan returned last month so
that the figures are not empty."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from solidarite.accounts.demo import register

WATT_GUIDE = (
    "1. Branchez le wattmètre sur la prise, puis l'appareil sur le wattmètre.\n"
    "2. Laissez-le une semaine pour un frigo ou un congélateur, une nuit pour une box ou une télé en veille.\n"
    "3. Notez les kWh affichés et multipliez par 0,25 € : c'est ce que l'appareil coûte sur cette durée.\n"
    "4. Une box ou une télé qui consomme la nuit : une multiprise à interrupteur suffit."
)
CAMERA_GUIDE = (
    "1. Choisissez un jour froid : au moins 10 °C d'écart entre dedans et dehors.\n"
    "2. Photographiez les fenêtres, les portes, les prises sur les murs extérieurs et les coins du plafond.\n"
    "3. Les taches bleues montrent le froid qui entre : un joint ou un boudin de porte règle souvent le problème.\n"
    "4. Montrez vos photos au conseiller France Rénov' si vous envisagez des travaux."
)
WATER_GUIDE = (
    "1. Remplissez le sac gradué sous la douche pendant 10 secondes, multipliez par 6 : c'est le débit par minute.\n"
    "2. Au-dessus de 12 litres par minute, vissez le réducteur fourni sur le pommeau ou le robinet.\n"
    "3. Mesurez de nouveau : vous devriez être autour de 6 à 8 litres par minute.\n"
    "4. Les réducteurs vous restent ; rapportez le sac et la notice."
)
LENDERS = [
    {
        "slug": "objetheque-repair-cafe-blordiere",
        "name": "Objethèque du Repair café",
        "kind": "association",
        "association": "repair-cafe-de-la-blordiere",
        "address": "Maison de quartier de la Blordière, rue Jean Jaurès, 44400 Rezé",
        "quartier": "la-blordiere",
        "pickup_hours": "le mercredi de 17 h à 19 h et le samedi de 10 h à 12 h",
    },
    {
        "slug": "ville-de-reze-energie",
        "name": "Ville de Rezé — économies d'énergie et d'eau",
        "kind": "town",
        "association": None,
        "address": "Hôtel de ville, place Jean-Baptiste Daviais, 44400 Rezé",
        "quartier": "reze-hotel-de-ville",
        "pickup_hours": "à l'accueil de la mairie, du lundi au vendredi de 9 h à 17 h",
    },
]
# (lender, slug, name, category, weight, deposit, max days, guide, description)
ITEMS = [
    (
        "ville-de-reze-energie",
        "wattmetre-1",
        "Wattmètre",
        "energy",
        "0.30",
        "0",
        14,
        WATT_GUIDE,
        "Mesure ce que consomme un appareil branché sur une prise.",
    ),
    (
        "ville-de-reze-energie",
        "camera-thermique",
        "Caméra thermique",
        "energy",
        "0.60",
        "50",
        7,
        CAMERA_GUIDE,
        "Montre où la chaleur s'échappe du logement.",
    ),
    (
        "ville-de-reze-energie",
        "kit-reducteurs-de-debit",
        "Kit économies d'eau",
        "water",
        "0.50",
        "0",
        14,
        WATER_GUIDE,
        "Un sac gradué pour mesurer le débit, et des réducteurs à garder.",
    ),
    (
        "objetheque-repair-cafe-blordiere",
        "wattmetre-repair-cafe",
        "Wattmètre du Repair café",
        "energy",
        "0.30",
        "0",
        14,
        WATT_GUIDE,
        "Mesure ce que consomme un appareil branché sur une prise.",
    ),
    (
        "objetheque-repair-cafe-blordiere",
        "perceuse-visseuse",
        "Perceuse-visseuse sans fil",
        "tools",
        "1.80",
        "30",
        7,
        "",
        "Avec deux batteries, un chargeur et un coffret de forets.",
    ),
    (
        "objetheque-repair-cafe-blordiere",
        "appareil-a-raclette",
        "Appareil à raclette (8 personnes)",
        "kitchen",
        "3.20",
        "0",
        7,
        "",
        "Rendu propre, s'il vous plaît.",
    ),
]


@register(order=97)
def load_lending():
    from associations.directory.models import Association
    from solidarite.accounts.models import User
    from solidarite.lending.models import Handover, Item, Lender, Loan, Transition
    from solidarite.places.models import Quartier

    lenders = {}
    for data in LENDERS:
        data = dict(data)
        slug = data.pop("slug")
        association = Association.objects.filter(slug=data.pop("association") or "").first()
        if data["kind"] == "association" and association is None:
            continue  # the directory's demo did not run
        quartier = Quartier.objects.filter(slug=data.pop("quartier")).first()
        lenders[slug], _created = Lender.objects.get_or_create(
            slug=slug, defaults={**data, "association": association, "quartier": quartier}
        )
    for lender_slug, slug, name, category, weight, deposit, days, guide, description in ITEMS:
        if lender_slug in lenders:
            Item.objects.get_or_create(
                slug=slug,
                defaults={
                    "lender": lenders[lender_slug],
                    "name": name,
                    "category": category,
                    "weight_kg": Decimal(weight),
                    "deposit": Decimal(deposit),
                    "max_days": days,
                    "guide": guide,
                    "description": description,
                },
            )
    # A loan of last month, returned: the dashboard's figures show something.
    borrower = User.objects.filter(email="voisin@solidarite.test").first()
    kit = Item.objects.filter(slug="wattmetre-1").first()
    if borrower is not None and kit is not None and not Loan.objects.filter(item=kit).exists():
        first = timezone.now() - dt.timedelta(days=35)
        loan = Loan.objects.create(
            item=kit,
            borrower=borrower,
            quartier=borrower.quartier,
            start=first,
            end=first + dt.timedelta(days=7),
            status=Loan.Status.RETURNED,
            weight_kg=kit.weight_kg,
        )
        Transition.objects.create(loan=loan, name="book", to_state="booked", by=borrower, at=first)
        for direction, at in (("out", first), ("back", first + dt.timedelta(days=6))):
            Handover.objects.create(loan=loan, direction=direction, condition="good", weight_kg=kit.weight_kg, at=at)
        Transition.objects.bulk_create(
            [
                Transition(loan=loan, name="hand_over", from_state="booked", to_state="out", at=first),
                Transition(loan=loan, name="take_back", from_state="out", to_state="returned", at=loan.end),
            ]
        )
    # The accounts are the directory's manager and city staff: nothing new to print.
    return []
