import datetime as dt

import factory
from django.utils import timezone

from associations.directory.models import Action, Association, Membership
from tests.factories import UserFactory


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Association des voisins {n}")
    slug = factory.Sequence(lambda n: f"association-des-voisins-{n}")
    rna = factory.Sequence(lambda n: f"W44{n:07d}")
    purpose = "Rencontres, entraide et sorties entre voisins du quartier, ouvertes à toutes et tous."
    city = "Rezé"
    postal_code = "44400"
    address = "2 rue Jean Jaurès"
    status = Association.Status.VERIFIED

    class Params:
        pending = factory.Trait(status=Association.Status.PENDING)


def make_manager(association, user=None):
    user = user or UserFactory()
    Membership.objects.create(association=association, user=user, role=Membership.Role.MANAGER)
    return user


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    association = factory.SubFactory(AssociationFactory)
    title = factory.Sequence(lambda n: f"Atelier réparation {n}")
    description = "Venez réparer vos petits appareils."
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + dt.timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    place_name = "Maison des associations"
