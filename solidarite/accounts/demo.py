"""Demo data: each app may have a ``demo`` module that registers a loader here.

Loaders must be idempotent (get-or-create on natural keys): ``manage.py demo`` may run twice.
Each returns the demo accounts it created or reused, as ``DemoAccount`` rows: a role key (one of
``ROLE_LABELS``, which tests and benches use to find an account), the e-mail, the password and what
to try with it (shown to the person who runs the demo).
"""

from collections.abc import Callable
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _


class DemoAccount(NamedTuple):
    role: str
    email: str
    password: str
    to_try: str = ""


# The role keys of the loaders, as the demo's table names them.
ROLE_LABELS = {
    "admin": _("administration"),
    "city staff": _("agent·e de la ville"),
    "mediator": _("médiatrice"),
    "neighbour": _("voisin·e"),
    "neighbour (help)": _("voisin·e (entraide)"),
    "association manager": _("responsable d'association"),
    "association manager (rooms)": _("responsable d'association (salles)"),
    "association manager (support)": _("responsable d'association (soutiens)"),
    "shopkeeper": _("commerçant·e"),
    "prescriber": _("prescriptrice (épicerie sociale)"),
    "grocery manager": _("responsable de l'épicerie sociale"),
    "grocery till": _("bénévole de caisse (épicerie)"),
    "garden manager": _("responsable de jardins familiaux"),
    "gardener": _("jardinière"),
    "refurbisher": _("reconditionneur (équipement numérique)"),
}

DemoLoader = Callable[[], list[DemoAccount]]
_loaders: list[tuple[int, DemoLoader]] = []


def register(order: int):
    def decorator(loader: DemoLoader) -> DemoLoader:
        if all(existing is not loader for _, existing in _loaders):
            _loaders.append((order, loader))
        return loader

    return decorator


def loaders() -> list[DemoLoader]:
    return [loader for _, loader in sorted(_loaders, key=lambda item: item[0])]


def demo_user(*, email: str, password: str, display_name: str, quartier_slug: str | None = None, **flags):
    """Get or create a confirmed demo account; the password is reset to the printed one."""
    from django.utils import timezone

    from solidarite.accounts.models import User
    from solidarite.places.models import Quartier

    quartier = Quartier.objects.filter(slug=quartier_slug).first() if quartier_slug else None
    user, _ = User.objects.get_or_create(
        email=email,
        defaults={"display_name": display_name, "quartier": quartier, "email_confirmed_at": timezone.now(), **flags},
    )
    user.set_password(password)
    user.save()
    return user


@register(order=0)
def load_people():
    people = [
        ("admin", "admin@solidarite.test", "Admin", None, {"is_staff": True, "is_superuser": True},
         _("/admin/ : tout voir, tout régler")),
        ("city staff", "agent@solidarite.test", "Camille (mairie)", "reze-hotel-de-ville",
         {"is_staff": True},
         _("vérifier une association, valider une salle, instruire un soutien, /tableau-de-bord/")),
        ("mediator", "mediatrice@solidarite.test", "Nadia", "pont-rousseau", {},
         _("/acces-aux-droits/mandats/ : agir pour un·e habitant·e sans internet (mandat)")),
        ("neighbour", "voisine@solidarite.test", "Jeanne", "trentemoult-les-isles",
         {"phone": "06 12 34 56 78", "share_phone": True},
         _("/entraide/ : proposer son aide, être mise en relation en direct")),
        ("neighbour", "voisin@solidarite.test", "Karim", "ragon", {},
         _("/entraide/ : demander de l'aide ; /salles/ : réserver la salle polyvalente")),
    ]  # fmt: skip
    rows = []
    for role, email, name, quartier, flags, to_try in people:
        password = "demo-" + email.split("@")[0] + "-2026"
        demo_user(email=email, password=password, display_name=name, quartier_slug=quartier, **flags)
        rows.append(DemoAccount(role, email, password, str(to_try)))
    return rows
