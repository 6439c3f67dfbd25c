"""What the writes of pages, managers and actions share: who manages an association, tags, the
quartier of a point, the page's history, telling its managers."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from associations.directory.models import AssociationEvent
from solidarite.accounts.roles import can_post
from solidarite.notifications.services import notify_many


def can_manage(user, association) -> bool:
    return can_post(user) and association.is_manager(user)


def require_manager(user, association):
    if not can_manage(user, association):
        raise PermissionDenied(_("Seuls les responsables de l'association peuvent faire cela."))


def fill_quartier(place):
    if place.quartier_id is None and place.latitude is not None and place.longitude is not None:
        from solidarite.places.geo import Point
        from solidarite.places.models import Quartier

        try:
            place.quartier = Quartier.objects.nearest(Point(place.latitude, place.longitude))
        except ValueError:
            raise ValidationError({"latitude": _("Ces coordonnées ne sont pas valides.")}) from None


def clean_tags(tags) -> list[str]:
    if tags is None:
        return []
    if isinstance(tags, str):
        tags = tags.split(",")
    cleaned = []
    for tag in tags:
        name = str(tag).strip()[:100]
        if name and name.lower() not in {t.lower() for t in cleaned}:
            cleaned.append(name)
    return cleaned[:12]


def save_with_tags(obj, tags):
    obj.full_clean()
    obj.save()
    if tags is not None:
        names = clean_tags(tags)
        obj.tags.set(names, clear=True)
        obj.set_search_text(names)
        type(obj).objects.filter(pk=obj.pk).update(search_text=obj.search_text)


def log_event(association, kind, by, message=""):
    return AssociationEvent.objects.create(association=association, kind=kind, actor=by, message=message)


def tell_managers(association, kind, payload: dict, exclude=None):
    """``payload``: the ``params``/``people`` of the kind's text (``notices``), and maybe a ``body``."""
    payload = {**payload, "url": association.get_absolute_url()}
    notify_many([(manager, kind, payload) for manager in association.managers_to_notify() if manager != exclude])
