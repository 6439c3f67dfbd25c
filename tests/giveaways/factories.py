"""Gifts and wishes made through the real services (points, public points, matches as production makes them)."""

from datetime import timedelta

from django.utils import timezone

from solidarite.giveaways import services
from solidarite.places.geo import Point

# A precise spot in Pont-Rousseau (six decimals: a public point has five), and one about 600 m south.
HOME = Point(47.196123, -1.547331)
NEAR = Point(47.190723, -1.547331)
FAR = Point(47.157512, -1.539012)  # Ragon, about 4.3 km away


def make_gift(giver, *, point=HOME, category="puericulture", title="Poussette pliable", days=7, **kwargs):
    now = timezone.now()
    defaults = {
        "title": title,
        "category": category,
        "description": "Poussette canne en bon état, avec habillage pluie.",
        "pickup_from": now,
        "pickup_until": now + timedelta(days=days),
        "pickup_details": "3 rue du Secret, interphone 12",
        "point": point,
    }
    defaults.update(kwargs)
    return services.offer_gift(by=giver, **defaults)


def make_wish(
    wisher, *, point=NEAR, category="puericulture", what="Une poussette pour ma fille", radius_km=3, **kwargs
):
    defaults = {
        "category": category,
        "what": what,
        "radius_km": radius_km,
        "until": timezone.now() + timedelta(days=20),
        "point": point,
    }
    defaults.update(kwargs)
    wish, _matches = services.post_wish(by=wisher, **defaults)
    return wish
