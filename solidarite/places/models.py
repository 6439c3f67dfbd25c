from django.conf import settings
from django.core.cache import caches
from django.db import models
from django.db.models.signals import post_delete, post_save
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


QUARTIERS_KEY = "places.quartiers"
QUARTIERS_TTL_S = 60


def nearest_quartier(point: Point) -> "Quartier | None":
    """``Quartier.objects.nearest`` from this process's copy of the quartiers (a handful of rows read
    at every post on the map: one statement of the dozen a help request costs). A change in the
    admin is seen at once by the process that made it, within QUARTIERS_TTL_S by the others."""
    cache = caches["default"]
    found = cache.get(QUARTIERS_KEY)
    if found is None:
        found = list(Quartier.objects.all())
        cache.set(QUARTIERS_KEY, found, QUARTIERS_TTL_S)
    return min(found, key=lambda q: distance_km(point, q.center), default=None)


def _forget_quartiers(**kwargs):
    caches["default"].delete(QUARTIERS_KEY)


post_save.connect(_forget_quartiers, sender=Quartier, dispatch_uid="places.forget_quartiers_saved")
post_delete.connect(_forget_quartiers, sender=Quartier, dispatch_uid="places.forget_quartiers_deleted")


def town_center() -> Point:
    return Point(*settings.TOWN_CENTER)


def within_town(point: Point) -> bool:
    return distance_km(point, town_center()) <= settings.TOWN_RADIUS_KM
