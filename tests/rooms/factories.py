import datetime as dt

import factory

from associations.directory.models import Association, Membership
from associations.rooms.models import PARIS, Room
from tests.factories import UserFactory


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association

    name = factory.Sequence(lambda n: f"Association des salles {n}")
    slug = factory.Sequence(lambda n: f"association-salles-{n}")
    purpose = "Faire vivre le quartier."
    city = "Rezé"
    status = Association.Status.VERIFIED


def manager_of(association, user=None):
    user = user or UserFactory()
    Membership.objects.create(association=association, user=user, role=Membership.Role.MANAGER)
    return user


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    name = factory.Sequence(lambda n: f"Salle {n}")
    slug = factory.Sequence(lambda n: f"salle-{n}")
    address = "Maison des associations, 44400 Rezé"
    capacity = 30
    opening_hours = "Mo-Su 08:00-22:00"
    min_notice_hours = 48
    max_duration_hours = 4
    cancel_notice_hours = 24


def paris(*args) -> dt.datetime:
    """An aware Paris wall-clock datetime: paris(2027, 3, 28, 10)."""
    return dt.datetime(*args, tzinfo=PARIS)
