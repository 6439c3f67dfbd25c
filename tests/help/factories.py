"""Help posts made through the real services (so points, public points and categories are
what production would store), with defaults that match each other."""

from datetime import timedelta

from django.utils import timezone

from solidarite.help import offers, requests
from solidarite.help.models import Category
from solidarite.places.geo import Point

# A precise spot in Pont-Rousseau, and one about 600 m south of it.
# Six decimals: a public point is rounded to five, so it can land on the same digits as a
# five-decimal home by chance (it depends only on the grid cell, never on the home within it);
# the privacy tests look for the exact home, which a public point can never spell.
HOME = Point(47.196123, -1.547331)
NEAR = Point(47.190723, -1.547331)


def printed(point: Point) -> list[str]:
    """Every way a page or a payload may print this exact point: with a decimal point (JSON, data
    attributes) or a decimal comma (a number formatted the French way)."""
    return [str(value).replace(".", mark) for value in (point.lat, point.lon) for mark in (".", ",")]


def category(slug="bricolage") -> Category:
    return Category.objects.get(slug=slug)


def make_request(author, *, point=HOME, slug="bricolage", days=7, tags=(), **kwargs):
    now = timezone.now()
    defaults = {
        "category": category(slug),
        "description": "Une étagère à fixer au mur du salon.",
        "window_start": now,
        "window_end": now + timedelta(days=days),
        "point": point,
        "tags": list(tags),
    }
    defaults.update(kwargs)
    return requests.post_request(by=author, **defaults)


def make_offer(author, *, point=NEAR, slugs=("bricolage",), radius_km=2, tags=(), **kwargs):
    defaults = {
        "categories": [category(s) for s in slugs],
        "description": "J'ai une perceuse et du temps libre.",
        "radius_km": radius_km,
        "point": point,
        "tags": list(tags),
    }
    defaults.update(kwargs)
    return offers.post_offer(by=author, **defaults)
