from datetime import timedelta

import factory
from django.utils import timezone

from solidarite.shops.models import Initiative, Shop
from tests.factories import UserFactory, quartier

# Real-format SIRETs (SIREN and SIRET Luhn keys valid).
VALID_SIRET = "73282932000074"
OTHER_VALID_SIRET = "35600000000048"


class ShopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shop
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Commerce {n}")
    slug = factory.Sequence(lambda n: f"commerce-{n}")
    kind = Shop.Kind.FOOD
    address = factory.Sequence(lambda n: f"{n} rue Jean-Jaurès")
    quartier = factory.LazyFunction(lambda: quartier("pont-rousseau"))
    latitude = 47.1955
    longitude = -1.5480
    opening_hours = "Mo-Sa 09:00-19:00; PH off"
    siret = VALID_SIRET
    status = Shop.Status.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)

    class Params:
        pending = factory.Trait(status=Shop.Status.PENDING, verified_at=None, siret="")
        owned = factory.Trait(owner=factory.SubFactory(UserFactory))


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    shop = factory.SubFactory(ShopFactory, owned=True)
    kind = Initiative.Kind.SUSPENDED
    title = factory.Sequence(lambda n: f"Panier suspendu {n}")
    description = "Offrez un panier, quelqu'un en profitera."
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))
    ends_on = None
