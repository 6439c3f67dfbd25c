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
        suspended = factory.Trait(suspended_at=factory.LazyFunction(timezone.now), suspension_reason="Propos injurieux")
        unconfirmed = factory.Trait(is_active=False, email_confirmed_at=None)
        with_phone = factory.Trait(phone="06 98 76 54 32", share_phone=True)

    @factory.post_generation
    def mediator(self, create, extracted, **kwargs):
        """``UserFactory(mediator=True)``: a member of a social-action structure, granted the role by staff."""
        if create and extracted:
            make_mediator(self)


def make_mediator(user, association=None):
    """Make ``user`` a mediator of ``association`` (a new social-action structure by default)."""
    from associations.directory.models import Association, Membership
    from solidarite.rights.models import MediatorGrant

    if association is None:
        n = Association.objects.count() + 1
        association = Association.objects.create(
            name=f"Accueil solidaire {n}",
            slug=f"accueil-solidaire-{n}",
            purpose="Accompagner les habitant·es dans leurs démarches.",
            city="Rezé",
            status=Association.Status.VERIFIED,
            is_social_action=True,
        )
    Membership.objects.get_or_create(association=association, user=user)
    MediatorGrant.objects.get_or_create(user=user, association=association)
    return association


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = "test"
    title = factory.Sequence(lambda n: f"Notification {n}")
