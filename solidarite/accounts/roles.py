"""Who is what. Staff is a flag on the user; the other roles come from objects that other apps
own (an association's managers, a shop's owner, a mediator's grant in a social-action structure).
Those apps register a provider at start-up, so accounts never imports them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    code: str
    label: str
    # What the role is about, e.g. the association's name; shown on the profile page.
    detail: str = ""
    url: str = ""


RoleProvider = Callable[["object"], Iterable[Role]]
_providers: list[RoleProvider] = []


def register_role_provider(provider: RoleProvider) -> RoleProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def is_city_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def can_post(user) -> bool:
    """Signed in, e-mail confirmed, not suspended: what every write on the platform requires."""
    return bool(user.is_authenticated and user.is_active and not user.is_suspended)


def require_city_staff(user, message: str = "") -> None:
    """The guard of what only city staff do (pages, API, services): a 403 for anyone else."""
    if not is_city_staff(user):
        raise PermissionDenied(message or _("Réservé aux agent·es de la ville."))


def require_poster(user, message: str = "") -> None:
    """The guard of every write: a 403 for a visitor, an unconfirmed or a suspended account."""
    if not can_post(user):
        raise PermissionDenied(message or _("Connectez-vous avec un compte actif pour faire cela."))


def roles_of(user) -> list[Role]:
    if not user.is_authenticated:
        return [Role("visitor", _("visiteur·se"))]
    roles = [Role("neighbour", _("voisin·e"))]
    if user.is_staff:
        roles.append(Role("staff", _("agent·e de la ville")))
    if user.is_superuser:
        roles.append(Role("admin", _("administrateur·rice")))
    for provider in _providers:
        roles.extend(provider(user))
    return roles
