from decimal import Decimal

import factory
from django.utils import timezone

from associations.directory.models import Association, Membership
from associations.support.models import Envelope, SupportKind, SupportRequest
from tests.factories import UserFactory, quartier


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association

    name = factory.Sequence(lambda n: f"Association solidaire {n}")
    slug = factory.Sequence(lambda n: f"association-solidaire-{n}")
    purpose = "Entraide entre voisins."
    rna = factory.Sequence(lambda n: f"W44{n:07d}")
    status = Association.Status.VERIFIED
    quartier = factory.LazyFunction(lambda: quartier("pont-rousseau"))


def manager_of(association, user=None):
    user = user or UserFactory()
    Membership.objects.create(association=association, user=user, role=Membership.Role.MANAGER)
    return user


class EnvelopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Envelope

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    kind = SupportKind.MONEY
    label = factory.Sequence(lambda n: f"Soutiens exceptionnels {n}")
    theme = factory.Sequence(lambda n: f"thème {n}")
    amount = Decimal("5000.00")


class SupportRequestFactory(factory.django.DjangoModelFactory):
    """A complete money request, in draft unless ``state`` says otherwise."""

    class Meta:
        model = SupportRequest

    association = factory.SubFactory(AssociationFactory)
    title = factory.Sequence(lambda n: f"Collecte alimentaire urgente {n}")
    description = "Une collecte pour les familles touchées par la crise."
    kind = SupportKind.MONEY
    amount_requested = Decimal("1500.00")
    action_budget = Decimal("6000.00")
    start_date = factory.LazyFunction(timezone.localdate)
    state = SupportRequest.State.DRAFT
    waiting_since = factory.LazyAttribute(
        lambda o: timezone.now() if o.state in SupportRequest.WAITING_FOR_CITY else None
    )
    submitted_at = factory.LazyAttribute(lambda o: None if o.state == SupportRequest.State.DRAFT else timezone.now())
