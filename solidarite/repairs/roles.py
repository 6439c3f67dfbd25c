"""Who does what at a repair café: the organising association's people record, residents follow.

The volunteers of a session are the association's members and managers (directory memberships) and
those who signed up to help at that action (« je donne un coup de main »). Pages, API and services
call the same guards.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from associations.directory.models import Membership, Participation
from solidarite.accounts.roles import Role, can_post


def is_volunteer(user, action) -> bool:
    if not can_post(user):
        return False
    return (
        Membership.objects.filter(association_id=action.association_id, user=user).exists()
        or Participation.objects.filter(action=action, user=user, kind=Participation.Kind.VOLUNTEER).exists()
    )


def require_volunteer(user, action) -> None:
    if not is_volunteer(user, action):
        raise PermissionDenied(_("Réservé aux bénévoles de l'association qui organise ce repair café."))


def volunteers(action):
    """The people who may be credited for a repair at this action."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    return (
        get_user_model()
        .objects.filter(
            Q(memberships__association_id=action.association_id)
            | Q(action_participations__action=action, action_participations__kind=Participation.Kind.VOLUNTEER),
            is_active=True,
        )
        .distinct()
        .order_by("display_name", "pk")
    )


def provider(user):
    from solidarite.repairs.models import RepairCafe

    cafes = (
        RepairCafe.objects.filter(action__association__memberships__user=user)
        .select_related("action__association")
        .order_by("action__association__name")
        .distinct()
    )
    seen, roles = set(), []
    for cafe in cafes:
        association = cafe.action.association
        if association.pk not in seen:
            seen.add(association.pk)
            roles.append(
                Role("repair_volunteer", _("bénévole de repair café"), association.name, association.get_absolute_url())
            )
    return roles
