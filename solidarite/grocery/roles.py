"""Who does what at the épicerie: prescribers (granted by city staff), managers, till volunteers.

Named queries and guards, like ``accounts.roles``: pages, API and services call the same guard.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from solidarite.accounts.roles import Role, can_post


def prescriber_of(user):
    """The user's active prescriber row, or None."""
    from solidarite.grocery.models import Prescriber

    if not can_post(user):
        return None
    return Prescriber.objects.filter(user=user, revoked_at__isnull=True).first()


def require_prescriber(user):
    prescriber = prescriber_of(user)
    if prescriber is None:
        raise PermissionDenied(_("Réservé aux prescripteur·rices (CCAS, Département, associations partenaires)."))
    return prescriber


def require_manager(grocery, user) -> None:
    if not (can_post(user) and grocery.is_manager(user)):
        raise PermissionDenied(_("Réservé aux responsables de cette épicerie."))


def require_till(grocery, user) -> None:
    if not (can_post(user) and grocery.is_till(user)):
        raise PermissionDenied(_("Réservé aux bénévoles de la caisse de cette épicerie."))


def provider(user):
    from solidarite.grocery.models import Grocery

    roles = []
    prescriber = prescriber_of(user)
    if prescriber is not None:
        roles.append(Role("prescriber", _("prescripteur·rice (épicerie sociale)"), prescriber.organisation))
    # One query for both lists (the profile page asks every app for its roles on each view).
    through = Grocery.managers.through.objects.filter(grocery=OuterRef("pk"), user=user)
    till = Grocery.volunteers.through.objects.filter(grocery=OuterRef("pk"), user=user)
    rows = list(
        Grocery.objects.annotate(manages=Exists(through), tills=Exists(till))
        .filter(Q(manages=True) | Q(tills=True))
        .only("slug", "name")
        .order_by("name", "pk")
    )
    roles += [
        Role("grocery_manager", _("responsable d'épicerie sociale"), g.name, g.get_absolute_url())
        for g in rows
        if g.manages
    ]
    roles += [Role("grocery_till", _("bénévole de caisse"), g.name, g.get_absolute_url()) for g in rows if g.tills]
    return roles
