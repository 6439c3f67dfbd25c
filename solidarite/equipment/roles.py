"""Who does what for equipment: refurbishers (granted by city staff), staff, the household's side."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from solidarite.accounts.roles import Role, can_post


def refurbisher_of(user):
    from solidarite.equipment.models import Refurbisher

    if not can_post(user):
        return None
    return Refurbisher.objects.filter(user=user, revoked_at__isnull=True).first()


def require_refurbisher(user):
    refurbisher = refurbisher_of(user)
    if refurbisher is None:
        raise PermissionDenied(_("Réservé aux structures de reconditionnement partenaires."))
    return refurbisher


def provider(user):
    refurbisher = refurbisher_of(user)
    if refurbisher is None:
        return []
    from django.urls import reverse

    return [
        Role(
            "refurbisher",
            _("reconditionneur·se (équipement numérique)"),
            refurbisher.organisation,
            reverse("equipment:batches"),
        )
    ]
