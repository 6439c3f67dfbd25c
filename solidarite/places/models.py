from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from solidarite.places.geo import Point, distance_km


class QuartierQuerySet(models.QuerySet):
    def nearest(self, point: Point):
        """The quartier whose centre is closest to ``point`` (a town has a handful of them)."""
        return min(self, key=lambda q: distance_km(point, q.center), default=None)


class Quartier(models.Model):
    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    latitude = models.FloatField(_("latitude du centre"))
    longitude = models.FloatField(_("longitude du centre"))

    objects = QuartierQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("quartier")
        verbose_name_plural = _("quartiers")

    def __str__(self):
        return self.name

    @property
    def center(self) -> Point:
        return Point(self.latitude, self.longitude)


def town_center() -> Point:
    return Point(*settings.TOWN_CENTER)


def within_town(point: Point) -> bool:
    return distance_km(point, town_center()) <= settings.TOWN_RADIUS_KM
