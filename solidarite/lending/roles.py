"""Who manages a lender's items and loans: the association's managers (directory roles), or the people
staff name as managers of the town's service or the ressourcerie (city staff too, for the town's items)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from solidarite.accounts.roles import Role


def lenders_managed_by(user):
    from solidarite.lending.models import Lender

    return Lender.objects.managed_by(user)


def require_manager(lender, user) -> None:
    from solidarite.lending.workflow import manages

    if not manages(user, lender):
        raise PermissionDenied(_("Réservé aux responsables de ce prêteur."))


def managers_to_notify(lender):
    """Active accounts told of the lender's loans (city staff are not told of every town loan)."""
    from associations.directory.models import Membership

    people = Q(lending_services=lender)
    if lender.association_id:
        people |= Q(memberships__association_id=lender.association_id, memberships__role=Membership.Role.MANAGER)
    return get_user_model().objects.filter(people, is_active=True).distinct()


def provider(user):
    from solidarite.lending.models import Lender

    if not user.is_authenticated:
        return []
    rows = Lender.objects.filter(managers=user).order_by("name")
    return [Role("lending_manager", _("responsable de l'objethèque"), lender.name, "") for lender in rows]
