import datetime as dt
from decimal import Decimal

from django.utils import timezone

from solidarite.lending.models import Item, Lender
from tests.factories import UserFactory
from tests.rooms.factories import AssociationFactory, manager_of

_n = iter(range(1, 10**9))


def make_lender(*, kind="association", manager=None):
    n = next(_n)
    association = AssociationFactory() if kind == "association" else None
    lender = Lender.objects.create(
        name=f"Prêteur {n}",
        slug=f"preteur-{n}",
        kind=kind,
        association=association,
        address="12 rue de la Commune, 44400 Rezé",
        pickup_hours="le mardi de 17 h à 19 h",
    )
    if association is not None:
        manager_of(association, manager or UserFactory())
    elif manager is not None:
        lender.managers.add(manager)
    return lender


def manager(lender):
    if lender.association_id:
        return lender.association.memberships.get(role="manager").user
    return lender.managers.first()


def make_item(lender=None, **fields):
    n = next(_n)
    defaults = {
        "name": f"Wattmètre {n}",
        "slug": f"wattmetre-{n}",
        "category": "energy",
        "weight_kg": Decimal("0.40"),
        "guide": "Branchez l'appareil sur le wattmètre une semaine.",
    }
    return Item.objects.create(lender=lender or make_lender(), **{**defaults, **fields})


def days_ahead(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def make_photo(item, *, alt_text="Le wattmètre branché sur une prise"):
    from django.core.files.base import ContentFile

    from solidarite.lending.models import ItemPhoto
    from tests.rooms.factories import png_bytes

    photo = ItemPhoto(item=item, alt_text=alt_text)
    photo.file = ContentFile(png_bytes(), name="photo.png")
    photo.save()
    return photo
