"""Who runs a garden or an orchard: the managers of its association, or city staff when the town runs it.

Named guards, like ``accounts.roles``: pages, API and services call the same one.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from solidarite.accounts.roles import Role, can_post, is_city_staff


def is_manager(place, user) -> bool:
    """``place`` is a Garden or an Orchard."""
    if not can_post(user):
        return False
    if place.association_id is None:
        return is_city_staff(user)
    return place.association.is_manager(user)


def require_manager(place, user) -> None:
    if not is_manager(place, user):
        raise PermissionDenied(_("Réservé aux responsables de ce lieu (son association, ou la ville)."))


def managed_gardens(user):
    from solidarite.gardens.models import Garden

    if not can_post(user):
        return Garden.objects.none()
    town = Garden.objects.filter(association__isnull=True) if is_city_staff(user) else Garden.objects.none()
    own = Garden.objects.filter(association__memberships__user=user, association__memberships__role="manager")
    return (town | own).distinct()


def provider(user):
    return [
        Role("garden_manager", _("responsable de jardin partagé"), g.name, g.get_absolute_url())
        for g in managed_gardens(user).only("slug", "name").order_by("name", "pk")
    ]
