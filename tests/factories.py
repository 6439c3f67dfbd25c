import factory
from django.utils import timezone

from solidarite.accounts.models import User
from solidarite.notifications.models import Notification
from solidarite.places.models import Quartier


def quartier(slug: str = "reze-hotel-de-ville") -> Quartier:
    """The seven quartiers come from a data migration; tests pick one by slug."""
    return Quartier.objects.get(slug=slug)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    display_name = factory.Sequence(lambda n: f"Voisin {n}")
    password = factory.django.Password("motdepasse-solide-42")
    is_active = True
    email_confirmed_at = factory.LazyFunction(timezone.now)
    # Seen today: the activity middleware then writes nothing, so query counts stay stable.
    last_seen_on = factory.LazyFunction(timezone.localdate)
    quartier = factory.LazyFunction(lambda: quartier("pont-rousseau"))

    class Params:
        staff = factory.Trait(is_staff=True)
        mediator = factory.Trait(is_mediator=True)
        suspended = factory.Trait(suspended_at=factory.LazyFunction(timezone.now), suspension_reason="Propos injurieux")
        unconfirmed = factory.Trait(is_active=False, email_confirmed_at=None)
        with_phone = factory.Trait(phone="06 98 76 54 32", share_phone=True)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = "test"
    title = factory.Sequence(lambda n: f"Notification {n}")
