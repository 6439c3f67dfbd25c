"""Demo data: Jeanne gives a pushchair and a kettle (an electrical gift: safety notice), Karim looks for a
pushchair and is matched live; a gift handed over last month feeds the dashboard's kg; a ressourcerie
takes drops. Run again, it adds nothing while the demo gifts are still on offer."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from solidarite.accounts.demo import register

RESSOURCERIE = {
    "slug": "ressourcerie-de-quartier",
    "name": "Ressourcerie de quartier",
    "kind": "seconde-main",
    "description": "Dépôt d'objets réemployables (meubles, vaisselle, livres, petit électroménager) : "
    "ils sont vérifiés, réparés si besoin et revendus à petit prix.",
    "address": "8 rue de la Commune, 44400 Rezé",
    "postal_code": "44400",
    "city": "Rezé",
    "latitude": 47.1790,
    "longitude": -1.5470,
    "opening_hours": "We,Sa 10:00-17:00; PH off",
    "status": "verified",
}


@register(order=96)
def load_giveaways():
    from solidarite.accounts.models import User
    from solidarite.giveaways import services
    from solidarite.giveaways.models import Gift, GiftTransition, Wish
    from solidarite.places.models import Quartier
    from solidarite.shops.models import Shop

    jeanne = User.objects.filter(email="voisine@solidarite.test").first()
    karim = User.objects.filter(email="voisin@solidarite.test").first()
    if jeanne is None or karim is None:
        return []
    shop, _created = Shop.objects.get_or_create(
        slug=RESSOURCERIE["slug"],
        defaults={
            **RESSOURCERIE,
            "quartier": Quartier.objects.filter(slug="reze-hotel-de-ville").first(),
            "verified_at": timezone.now(),
        },
    )
    now = timezone.now()
    ragon = Quartier.objects.get(slug="ragon")
    houssais = Quartier.objects.get(slug="la-houssais")
    if not Wish.objects.filter(wisher=karim, status="open", until__gt=now).exists():
        services.post_wish(
            by=karim,
            category="puericulture",
            what="Poussette pliable pour bébé",
            radius_km=6,
            until=now + dt.timedelta(days=30),
            quartier=ragon,
        )
    if not Gift.objects.public().filter(giver=jeanne).exists():
        for title, category, description in (
            (
                "Poussette pliable",
                "puericulture",
                "Poussette canne pliable, roues en bon état, habillage pluie fourni.",
            ),
            (
                "Bouilloire électrique",
                "electrique",
                "Bouilloire 1,7 l qui chauffe bien ; le couvercle ferme un peu dur.",
            ),
        ):
            services.offer_gift(
                by=jeanne,
                title=title,
                category=category,
                description=description,
                pickup_from=now,
                pickup_until=now + dt.timedelta(days=10),
                pickup_details="12 rue des Isles, sonner chez Jeanne, 2e étage (le soir après 18 h)",
                quartier=houssais,
            )
    if not Gift.objects.filter(status="given", dropped_at=shop).exists():
        # Handed over last month: the dashboard's kg by quartier and month is not empty.
        given_at = now - dt.timedelta(days=31)
        gift = Gift.objects.create(
            giver=jeanne,
            title="Chaise en bois",
            description="Chaise en bois massif, à revernir.",
            category="meubles",
            condition="usage",
            pickup_from=given_at - dt.timedelta(days=3),
            pickup_until=given_at + dt.timedelta(days=3),
            quartier=houssais,
            latitude=houssais.latitude,
            longitude=houssais.longitude,
            public_latitude=houssais.latitude,
            public_longitude=houssais.longitude,
            status="given",
            weight_kg=Decimal("4.5"),
            given_at=given_at,
            dropped_at=shop,
            created_at=given_at - dt.timedelta(days=3),
        )
        GiftTransition.objects.create(
            gift=gift, name="drop", from_state="offered", to_state="given", by=jeanne, at=given_at
        )
    return []
